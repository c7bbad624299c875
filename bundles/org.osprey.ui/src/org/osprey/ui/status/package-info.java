/**
 * The window's status line: small ToolControls in the bottom trim bar, each contributed on its own (progress of
 * running jobs now; connection state and packet rate later), all redrawn on the one UI refresh tick.
 */
package org.osprey.ui.status;
