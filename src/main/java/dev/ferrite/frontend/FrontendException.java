package dev.ferrite.frontend;

/**
 * A translation unit could not be turned into preprocessed text (or a compile database could not be read).
 * The message is one line. {@link #file()} and {@link #line()} name the location the compiler blamed, when
 * it named one (for example the file with the missing {@code #include}); otherwise the file being processed
 * and line 0.
 */
public final class FrontendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public FrontendException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public FrontendException(String file, int line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file the error is about (as the compiler spelled it), or null when unknown. */
    public String file() {
        return file;
    }

    /** 1-based line in {@link #file()}, or 0 when unknown. */
    public int line() {
        return line;
    }
}
