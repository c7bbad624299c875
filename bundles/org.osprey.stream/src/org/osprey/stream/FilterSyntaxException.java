package org.osprey.stream;

/**
 * A display-filter text that does not compile. The message names the problem and the position, e.g.
 * {@code unknown field 'tcp.prot' at 0 (did you mean tcp.port?)}; {@link #position()} and {@link #length()} let an
 * editor underline the offending token.
 */
public final class FilterSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String filter;
    private final int position;
    private final int length;
    private final String problem;

    /**
     * @param filter the whole filter text
     * @param position 0-based offset of the offending token in {@code filter}
     * @param length the token's length (0 at the end of the text)
     * @param problem what is wrong, without the position
     * @param hint an addition such as "did you mean tcp.port?", or {@code null}
     */
    public FilterSyntaxException(String filter, int position, int length, String problem, String hint) {
        super(problem + " at " + position + (hint == null ? "" : " (" + hint + ")"));
        this.filter = filter;
        this.position = position;
        this.length = length;
        this.problem = problem;
    }

    /** The filter text that failed. */
    public String filter() {
        return filter;
    }

    /** 0-based offset of the offending token. */
    public int position() {
        return position;
    }

    /** Length of the offending token (0 when the text ended too early). */
    public int length() {
        return length;
    }

    /** The problem alone, without position or hint. */
    public String problem() {
        return problem;
    }
}
