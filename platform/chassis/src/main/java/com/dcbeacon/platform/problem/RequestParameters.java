package com.dcbeacon.platform.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Finds which path or query parameter of the matched resource method could not be converted. Quarkus REST reports
 * only the conversion failure, not the parameter, so each parameter's raw value is converted again the way JAX-RS
 * does it (a {@code valueOf}, {@code fromString} or {@code parse} factory, or a String constructor).
 */
final class RequestParameters {

    private RequestParameters() {}

    static Optional<String> unconvertible(ResourceInfo resource, UriInfo uri) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || uri == null) {
            return Optional.empty();
        }
        for (Parameter parameter : method.getParameters()) {
            String query = name(parameter, QueryParam.class, RestQuery.class);
            String path = name(parameter, PathParam.class, RestPath.class);
            String raw = query != null
                    ? uri.getQueryParameters().getFirst(query)
                    : path != null ? uri.getPathParameters().getFirst(path) : null;
            if (raw != null && !converts(parameter.getType(), raw)) {
                return Optional.of(query != null ? query : path);
            }
        }
        return Optional.empty();
    }

    private static String name(
            Parameter parameter, Class<? extends Annotation> jaxrs, Class<? extends Annotation> rest) {
        Annotation a = parameter.getAnnotation(jaxrs);
        String value = a instanceof QueryParam q ? q.value() : a instanceof PathParam p ? p.value() : null;
        if (value == null) {
            Annotation r = parameter.getAnnotation(rest);
            if (r == null) {
                return null;
            }
            value = r instanceof RestQuery q ? q.value() : ((RestPath) r).value();
        }
        return value.isEmpty() ? parameter.getName() : value;
    }

    private static boolean converts(Class<?> type, String raw) {
        Class<?> boxed = type.isPrimitive() ? box(type) : type;
        if (boxed == String.class || boxed == Object.class) {
            return true;
        }
        try {
            if (boxed.isEnum()) {
                for (Object constant : boxed.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(raw)) {
                        return true;
                    }
                }
            }
            for (String factory : new String[] {"valueOf", "fromString", "parse"}) {
                for (Class<?> argument : new Class<?>[] {String.class, CharSequence.class}) {
                    try {
                        Method m = boxed.getMethod(factory, argument);
                        if (Modifier.isStatic(m.getModifiers())) {
                            m.invoke(null, raw);
                            return true;
                        }
                    } catch (NoSuchMethodException next) {
                        // try the next factory
                    }
                }
            }
            boxed.getConstructor(String.class).newInstance(raw);
            return true;
        } catch (NoSuchMethodException unknownType) {
            return true; // not a type we can check: do not blame this parameter
        } catch (ReflectiveOperationException | RuntimeException conversionFailed) {
            return false;
        }
    }

    private static Class<?> box(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            default -> primitive;
        };
    }
}
