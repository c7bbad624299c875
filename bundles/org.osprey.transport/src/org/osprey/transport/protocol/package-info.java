/**
 * The Osprey wire protocol, version 1: the messages ({@link org.osprey.transport.protocol.Message}), their JSON form
 * ({@link org.osprey.transport.protocol.JsonCodec}) and the binary packet batch
 * ({@link org.osprey.transport.protocol.BinaryCodec}), shared by the agent's server and the client. The contract is
 * written down for implementers in other languages in docs/protocol.md.
 */
package org.osprey.transport.protocol;
