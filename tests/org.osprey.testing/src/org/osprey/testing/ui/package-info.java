/** The UI tests' robot: real input to real SWT widgets on a real display (Xvfb in the build), and screenshots. */
package org.osprey.testing.ui;
