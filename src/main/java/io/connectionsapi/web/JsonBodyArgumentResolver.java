package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Supplies {@link JsonBody} parameters, so that handlers never read the servlet request themselves. */
@Configuration(proxyBeanMethods = false)
class JsonBodyArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final JsonBodies bodies;

    JsonBodyArgumentResolver(JsonBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(JsonBody.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("A JSON body is read from a servlet request");
        }
        if (parameter.getParameterType() != JsonBodies.Batch.class) {
            return bodies.object(request);
        }
        String[] keys = parameter.getParameterAnnotation(JsonBody.class).value();
        return bodies.batch(request, keys[0], Arrays.copyOfRange(keys, 1, keys.length));
    }
}
