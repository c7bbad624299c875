/**
 * File > Export Packets: the packets a part offers ({@link org.osprey.ui.export.PacketExportSource}), the dialog that
 * picks a scope and a file, and the background job that writes pcapng.
 */
package org.osprey.ui.export;
