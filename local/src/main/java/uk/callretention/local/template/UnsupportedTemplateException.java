package uk.callretention.local.template;

/**
 * Something in the template the local runtime does not reproduce. The message names what it is, where it
 * appears (logical id and path) and what to do, because the person reading it is editing the template.
 */
public class UnsupportedTemplateException extends RuntimeException {
    public UnsupportedTemplateException(String message) {
        super(message);
    }
}
