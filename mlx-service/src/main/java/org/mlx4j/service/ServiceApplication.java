package org.mlx4j.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The OpenAI-compatible service over mlx4j ({@code ./mlx4j serve [--port N]}). */
@SpringBootApplication
public class ServiceApplication {
    /** The application, as Spring Boot creates it. */
    public ServiceApplication() {}

    /**
     * Starts the service; {@code --port N} sets the port (default 8080), other arguments are Spring Boot's.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        java.util.List<String> springArgs = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) springArgs.add("--server.port=" + args[++i]);
            else springArgs.add(args[i]);
        }
        SpringApplication.run(ServiceApplication.class, springArgs.toArray(String[]::new));
    }
}
