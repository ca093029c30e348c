package io.connectionsapi.web;

import jakarta.servlet.Filter;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** How the web layer talks: JSON always, and the envelope even for errors the container itself answers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final java.util.List<String> corsOrigins;

    WebConfiguration(@org.springframework.beans.factory.annotation.Value("${connections.cors.allowed-origins:}")
            java.util.List<String> corsOrigins) {
        this.corsOrigins = corsOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
    }

    /** CORS is off (no Access-Control headers) unless origins are configured: browsers of those origins may call. */
    @Override
    public void addCorsMappings(org.springframework.web.servlet.config.annotation.CorsRegistry registry) {
        if (!corsOrigins.isEmpty()) {
            registry.addMapping("/connections/v1/**").allowedOrigins(corsOrigins.toArray(String[]::new))
                    .allowedMethods("GET", "POST", "PUT", "DELETE").allowedHeaders("x-api-key", "Content-Type", "X-Request-Id", UnitOfWorkFilter.KEY_HEADER,
                            HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, CountPreference.PREFER)
                    .exposedHeaders("X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                            UnitOfWorkFilter.REPLAYED_HEADER, HttpHeaders.ETAG, CountPreference.APPLIED);
        }
    }

    /**
     * Answers are JSON whatever {@code Accept} says: the guide's clients send {@code Accept: *}{@code /*}, and a
     * client asking for something else is better served by JSON it can log than by a 406.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.ignoreAcceptHeader(true).defaultContentType(MediaType.APPLICATION_JSON, MediaType.ALL);
    }

    /**
     * A browser call from an origin that is not allowed is refused with the envelope, like every other error. The
     * check runs inside the DispatcherServlet, which holds the request being refused.
     */
    @Bean
    org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations corsRefusalsInTheEnvelope(ErrorWriter errors) {
        return new org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations() {
            @Override
            public org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                var mapping = new org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping();
                mapping.setCorsProcessor(new org.springframework.web.cors.DefaultCorsProcessor() {
                    @Override
                    protected void rejectRequest(org.springframework.http.server.ServerHttpResponse response) throws java.io.IOException {
                        var current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
                        errors.write(current.getRequest(), ((ServletServerHttpResponse) response).getServletResponse(),
                                new ApiException(ErrorCode.FORBIDDEN, "This origin may not call the API from a browser."));
                    }
                });
                return mapping;
            }
        };
    }

    /**
     * Creates the servlet filters, and so what they need (the store, the settings they read), before Tomcat starts.
     * Spring Boot would otherwise create them inside Tomcat's startup, where a failure (MongoDB unreachable, the data
     * directory in use, an invalid setting) comes with Tomcat's own errors and thread-leak warnings ahead of the
     * startup failure report; created here, on the main thread, the report is all there is.
     */
    @Bean
    WebServerFactoryCustomizer<WebServerFactory> filtersBeforeTomcat(ObjectProvider<Filter> filters) {
        return factory -> filters.forEach(filter -> {
        });
    }

    /**
     * Requests Tomcat refuses before Spring sees them (bad URIs, encoded slashes) get the envelope too. The host
     * finds its error valve, of the class it is told, in its pipeline already, so it makes none of its own.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors(ErrorWriter errors) {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                standardHost.getPipeline().addValve(new JsonErrorReportValve(errors));
            }
        });
    }
}
