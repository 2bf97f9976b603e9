package dev.vcrproxy.client;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fault rules set on the proxy ({@code PUT /__vcr/faults}) before each test and cleared after it:
 * {@code @VcrFault("status:429@times=2")} tests a retry, {@code @VcrFault("rechunk:1")} a stream
 * parser. On a method it wins over the class's. The rules apply to every hit of the proxy while the
 * test runs, so tests that use it should not run concurrently with others on the same proxy.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(VcrProxyExtension.class)
public @interface VcrFault {
    /** Rules, {@code KIND[:ARG][@WHEN]}: {@code status:CODE}, {@code delay:D}, {@code cut:N}, {@code rechunk:N}, {@code drop-done}. */
    String[] value();

    /** The seed for {@code @rate} rules. */
    long seed() default 1;
}
