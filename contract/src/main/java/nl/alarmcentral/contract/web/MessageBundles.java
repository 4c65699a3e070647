package nl.alarmcentral.contract.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import nl.alarmcentral.contract.problem.ProblemException;

/**
 * A page's texts: one properties file per language ({@code <baseName>_<lang>.properties}, UTF-8)
 * served as one JSON object, so every text of the page comes from one bundle per language.
 *
 * <p>Not an endpoint itself: a service's messages resource answers with {@link #answer(String)}.
 */
public final class MessageBundles {

    private final Class<?> owner;
    private final String baseName;
    private final List<String> languages;
    private final Map<String, Map<String, String>> cache = new ConcurrentHashMap<>();

    /**
     * @param owner     a class of the service, whose class loader sees the bundles
     * @param baseName  the resource path before {@code _<lang>.properties}, such as {@code i18n/app}
     * @param languages the languages there are bundles for
     */
    public MessageBundles(Class<?> owner, String baseName, List<String> languages) {
        this.owner = owner;
        this.baseName = baseName;
        this.languages = List.copyOf(languages);
    }

    public List<String> languages() {
        return languages;
    }

    /**
     * The bundle as JSON, cached here and for an hour in the browser.
     *
     * @throws ProblemException 404 for a language without a bundle
     */
    public Response answer(String lang) {
        if (!languages.contains(lang)) {
            throw ProblemException.notFound("Languages: " + languages + ".");
        }
        CacheControl cacheControl = new CacheControl();
        cacheControl.setMaxAge(3600);
        return Response.ok(cache.computeIfAbsent(lang, this::load)).cacheControl(cacheControl).build();
    }

    /** Reads one language's bundle, sorted by key. */
    public Map<String, String> load(String lang) {
        String resource = baseName + "_" + lang + ".properties";
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundle " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> messages = new TreeMap<>();
            properties.forEach((key, value) -> messages.put((String) key, (String) value));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
