package io.connectionsapi.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Supplies the {@link CountPreference} parameters of the list handlers from the request's {@code Prefer} headers. */
@Configuration(proxyBeanMethods = false)
class CountPreferences implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CountPreference.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        return CountPreference.of(webRequest.getHeaderValues(CountPreference.PREFER), applied -> {
            if (response != null) {
                response.setHeader(CountPreference.APPLIED, applied);
            }
        });
    }
}
