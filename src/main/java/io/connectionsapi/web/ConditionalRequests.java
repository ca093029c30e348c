package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Supplies {@link Preconditions} parameters, and refuses conditional headers on the writes that take no such
 * parameter (batches, creates): ignoring an {@code If-Match} there would let the client believe its write was
 * protected against lost updates when it was not.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalRequests implements HandlerMethodArgumentResolver, HandlerInterceptor, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/connections/v1/**", "/admin/v1/**");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Preconditions.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("Preconditions are read from a servlet request");
        }
        return Preconditions.of(request);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!Preconditions.sent(request)) {
            return true;
        }
        Preconditions.of(request); // a malformed header is a 400 before any work
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read && handler instanceof HandlerMethod target && Arrays.stream(target.getMethodParameters())
                .noneMatch(this::supportsParameter)) {
            String header = request.getHeader(HttpHeaders.IF_MATCH) != null ? HttpHeaders.IF_MATCH : HttpHeaders.IF_NONE_MATCH;
            throw ApiException.invalidField(header, "is taken only by PUT and DELETE on one document by path (such as"
                    + " /connections/v1/connections/{id}), not by " + method + " " + request.getRequestURI());
        }
        return true;
    }
}
