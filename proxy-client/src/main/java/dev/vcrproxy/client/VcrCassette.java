package dev.vcrproxy.client;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test (or every test of a class) against its own cassette of a vcr-proxy. Without a
 * value the name is {@code ClassName/methodName}; on a class with a value, all its tests share it.
 * Declare a {@link VcrTestProxy} parameter to get the test's base URL.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(VcrProxyExtension.class)
public @interface VcrCassette {
    /** The cassette name; empty for {@code ClassName/methodName}. */
    String value() default "";
}
