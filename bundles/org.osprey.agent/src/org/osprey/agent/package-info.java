/**
 * Running a capture agent in a process: {@link org.osprey.agent.LocalAgent}. Used by {@code osprey agent} and by the
 * desktop client's embedded agent.
 */
package org.osprey.agent;
