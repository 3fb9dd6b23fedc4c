package dev.openrouter4j.jakartaee.server;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.FileWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The main class of the Payara Micro JVM the tests start: boots Payara Micro through its documented API
 * ({@code PayaraMicro.getInstance()...bootStrap()}, by reflection, so the tests do not compile against the server)
 * and then takes commands on standard input, because Payara Micro has no other way to undeploy at run time:
 * {@code deploy <war>}, {@code undeploy <name>}, {@code stop}. Results are appended to the reply file as lines
 * {@code deployed <name> true|false} and {@code undeployed <name>}.
 *
 * <p>Arguments: root directory, HTTP port, reply file, the WAR to deploy at boot.
 */
public final class PayaraMicroControl {

    private PayaraMicroControl() {
    }

    public static void main(String[] args) throws Exception {
        File root = new File(args[0]);
        int port = Integer.parseInt(args[1]);
        File replies = new File(args[2]);
        File war = new File(args[3]);

        Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
        Object instance = micro.getMethod("getInstance").invoke(null);
        micro.getMethod("setRootDir", File.class).invoke(instance, root);
        micro.getMethod("setHttpPort", int.class).invoke(instance, port);
        micro.getMethod("setNoCluster", boolean.class).invoke(instance, true);
        micro.getMethod("setNoHazelcast", boolean.class).invoke(instance, true);
        micro.getMethod("setPrintLogo", boolean.class).invoke(instance, false);
        Object runtime = micro.getMethod("bootStrap").invoke(instance);
        Class<?> rt = Class.forName("fish.payara.micro.PayaraMicroRuntime");
        Method deploy = rt.getMethod("deploy", File.class);
        Method undeploy = rt.getMethod("undeploy", String.class);
        Method names = rt.getMethod("getDeployedApplicationNames");

        reply(replies, "deployed " + name(war) + " " + deploy(runtime, deploy, names, war));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.trim().split(" ", 2);
            switch (cmd[0]) {
                case "deploy" -> reply(replies, "deployed " + name(new File(cmd[1])) + " "
                        + deploy(runtime, deploy, names, new File(cmd[1])));
                case "undeploy" -> {
                    undeploy.invoke(runtime, cmd[1]);
                    reply(replies, "undeployed " + cmd[1]);
                }
                case "stop" -> {
                    rt.getMethod("shutdown").invoke(runtime);
                    System.exit(0);
                }
                default -> reply(replies, "unknown " + line);
            }
        }
        System.exit(0); // the tests went away: end the server
    }

    /** Deploys; true when the application is then deployed ({@code deploy} answers true even when it failed). */
    private static boolean deploy(Object runtime, Method deploy, Method names, File war) throws Exception {
        boolean ok = (Boolean) deploy.invoke(runtime, war);
        return ok && ((java.util.Collection<?>) names.invoke(runtime)).contains(name(war));
    }

    private static String name(File war) {
        String n = war.getName();
        return n.endsWith(".war") ? n.substring(0, n.length() - 4) : n;
    }

    private static void reply(File file, String line) throws Exception {
        try (PrintWriter w = new PrintWriter(new FileWriter(file, StandardCharsets.UTF_8, true))) {
            w.println(line);
        }
    }
}
