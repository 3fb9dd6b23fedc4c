package dev.openrouter4j.jakartaee.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Open Liberty (the {@code io.openliberty:openliberty-runtime} zip, which carries every feature) with the features a
 * user of openrouter-cdi needs: {@code restfulWS-3.1}, {@code cdi-4.0}, {@code mpConfig-3.1} and {@code jsonb-3.0}.
 * Its user directory is this run's work directory; applications go through {@code dropins/}, polled every 500 ms.
 */
public final class OpenLiberty extends ProcessServer {

    static final String SERVER = "openrouter";
    static final String FEATURES = """
                    <feature>restfulWS-3.1</feature>
                    <feature>cdi-4.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>jsonb-3.0</feature>
            """;

    private final Path wlp;
    private final Path userDir;
    private final Path serverDir;

    public OpenLiberty(Path wlp, Path work, Path javaHome, String version) {
        super("Open Liberty", version, javaHome);
        this.wlp = wlp;
        this.userDir = work.resolve("usr");
        this.serverDir = userDir.resolve("servers/" + SERVER);
    }

    @Override
    public void start(Map<String, String> env, Path war) {
        Files2.deleteTree(userDir);
        httpPort = Ports.free();
        Files2.write(serverDir.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <server description="openrouter4j jakartaee-tests">
                    <featureManager>
                %s    </featureManager>
                    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                    <applicationMonitor updateTrigger="polled" pollingRate="500ms" dropinsEnabled="true"/>
                </server>
                """.formatted(FEATURES));
        Files2.write(serverDir.resolve("bootstrap.properties"), "http.port=" + httpPort + "\n");
        deploy(war);
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_HOME", javaHome.toString());
        all.put("WLP_USER_DIR", userDir.toString());
        process = ServerProcess.start(List.of(wlp.resolve("bin/server").toString(), "run", SERVER), all, wlp,
                userDir.getParent().resolve("console.log"));
    }

    @Override
    public void deploy(Path war) {
        Files2.copy(war, serverDir.resolve("dropins").resolve(war.getFileName()));
    }

    @Override
    public boolean awaitDeployment(String name, Duration timeout) {
        Pattern started = Pattern.compile("CWWKZ0001I: [^\n]*\\b" + name + "\\b");
        Pattern failed = Pattern.compile("CWWKZ000[2-4]E: [^\n]*\\b" + name + "\\b");
        Wait.until(name + " to deploy or fail", timeout, () -> {
            String log = messages();
            return started.matcher(log).find() || failed.matcher(log).find() || !process.isAlive();
        }, () -> Wait.tail(log(), 60));
        return started.matcher(messages()).find();
    }

    @Override
    public void undeploy(String name) {
        Files2.delete(serverDir.resolve("dropins").resolve(name + ".war"));
        Pattern stopped = Pattern.compile("CWWKZ0009I: [^\n]*\\b" + name + "\\b");
        Wait.until(name + " to undeploy", Duration.ofSeconds(60), () -> stopped.matcher(messages()).find(),
                () -> Wait.tail(log(), 60));
    }

    private String messages() {
        return Files2.read(serverDir.resolve("logs/messages.log"));
    }

    @Override
    public String log() {
        return Files2.read(process.console()) + "\n" + messages();
    }
}
