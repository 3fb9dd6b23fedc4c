package dev.openrouter4j.jakartaee.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application: every resource under {@code /api}. */
@ApplicationPath("api")
public class ChatApplication extends Application {
}
