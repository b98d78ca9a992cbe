package io.panelx.line;

/** The outcome of checking a request's credentials and rules: a line, or why not. */
public record Admission(LineAccount line, Refusal refusal) {

    static Admission admitted(LineAccount line) {
        return new Admission(line, null);
    }

    static Admission refused(LineAccount line, Refusal refusal) {
        return new Admission(line, refusal);
    }

    public boolean admitted() {
        return refusal == null;
    }
}
