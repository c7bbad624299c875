/**
 * Logins: {@link org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector} reports credentials sent in
 * clear text (FTP, POP3, IMAP, HTTP Basic, Telnet) and
 * {@link org.osprey.detect.builtin.internal.auth.BruteForceDetector} many failed logins from one client to one server
 * (FTP, HTTP, Telnet failures; short SSH and RDP connections). Both read payload bytes in place
 * ({@link org.osprey.detect.builtin.internal.auth.Payloads}) and make text only for an alert.
 */
package org.osprey.detect.builtin.internal.auth;
