package org.storeuptime.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The module boundaries of this build as the real {@code module-info.class} files on the test class path declare
 * them, for the ArchUnit tests of every module: a class may use another of our modules only through the packages
 * that module exports to everyone, or by name to the user.
 *
 * <p>The tests run on the class path (see docs/modules.md), where the JVM would not enforce the descriptors; this
 * check does, on the compiled classes.
 */
public final class ModuleBoundaries {

    private static final String OURS = "org.storeuptime.";

    private final Map<String, ModuleDescriptor> modules;

    private ModuleBoundaries(Map<String, ModuleDescriptor> modules) {
        this.modules = modules;
    }

    /** The descriptors of our modules found on the class path, by module name. */
    public static ModuleBoundaries onTheClassPath() {
        Map<String, ModuleDescriptor> found = new TreeMap<>();
        try {
            for (URL url : Collections.list(ModuleBoundaries.class.getClassLoader().getResources("module-info.class"))) {
                try (InputStream in = url.openStream()) {
                    ModuleDescriptor descriptor = ModuleDescriptor.read(in);
                    if (descriptor.name().startsWith(OURS)) {
                        found.put(descriptor.name(), descriptor);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the module descriptors on the class path", e);
        }
        return new ModuleBoundaries(found);
    }

    /** Fails unless the descriptors of all these modules were found (so that no rule passes for want of them). */
    public ModuleBoundaries requireModules(String... names) {
        assertThat(modules).as("our module descriptors on the class path").containsKeys(names);
        return this;
    }

    /** The descriptor of one of our modules. */
    public ModuleDescriptor descriptor(String name) {
        return Optional.ofNullable(modules.get(name))
                .orElseThrow(() -> new AssertionError("no module-info.class of " + name + " on the class path"));
    }

    /**
     * Classes of {@code module} (a named module of ours, or for a module without a descriptor the name it would go
     * by) use none of the classes of our other modules but those in packages exported to all, or to {@code module}.
     *
     * @param ownPackages the packages of {@code module} itself (ArchUnit package patterns)
     */
    public ArchRule onlyExportedPackagesUsedBy(String module, String... ownPackages) {
        DescribedPredicate<JavaClass> ownClass = JavaClass.Predicates.resideInAnyPackage(ownPackages);
        DescribedPredicate<JavaClass> hidden = DescribedPredicate.describe(
                "in a package of another of our modules that is not exported to " + module,
                c -> c.getPackageName().startsWith(OURS) && !ownClass.test(c) && !usable(module, c.getPackageName()));
        return noClasses().that(ownClass).should().dependOnClassesThat(hidden);
    }

    /** Whether one of our modules exports the package to all, or to {@code module} by name. */
    private boolean usable(String module, String packageName) {
        // A package no descriptor exports (internal, or of a module whose descriptor is missing) is refused: a
        // descriptor read from a class file lists only its exported and opened packages.
        return modules.values().stream().flatMap(d -> d.exports().stream()).anyMatch(e -> e.source().equals(packageName)
                && (!e.isQualified() || e.targets().contains(module)));
    }
}
