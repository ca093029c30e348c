package io.connectionsapi.web;

import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** How the web layer talks: JSON always, and the envelope even for errors the container itself answers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * Answers are JSON whatever {@code Accept} says: the guide's clients send {@code Accept: *}{@code /*}, and a
     * client asking for something else is better served by JSON it can log than by a 406.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON, MediaType.ALL);
    }

    /** Requests Tomcat refuses before Spring sees them (bad URIs, encoded slashes) get the envelope too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }
}
