package io.connectionsapi;

/** A setting the server cannot run with; startup stops with one line naming it (see {@link InvalidSettingAnalyzer}). */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String setting, Object value, String problem) {
        super(setting + "=" + value + " " + problem);
    }
}
