package io.connectionsapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConnectionsApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConnectionsApiApplication.class, args);
    }
}
