package nl.alarmcentral.contract.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

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

    /**
     * What would show a reader a raw key or a wrong sentence: a key that a language lacks or has
     * extra, an empty text, or placeholders ({@code {0}}) that differ from the first language's.
     * Each service's bundle test asserts that there is nothing.
     *
     * @return one line per problem, empty when every language has every text
     */
    public List<String> inconsistencies() {
        List<String> problems = new ArrayList<>();
        Map<String, String> reference = load(languages.get(0));
        for (String lang : languages) {
            Map<String, String> bundle = load(lang);
            reference.keySet().stream().filter(key -> !bundle.containsKey(key)).forEach(key -> problems.add(lang + " lacks " + key));
            bundle.keySet().stream().filter(key -> !reference.containsKey(key))
                    .forEach(key -> problems.add(lang + " has " + key + ", which " + languages.get(0) + " lacks"));
            bundle.forEach((key, text) -> {
                if (text.isBlank()) {
                    problems.add(lang + " " + key + " is empty");
                } else if (reference.containsKey(key) && !placeholders(text).equals(placeholders(reference.get(key)))) {
                    problems.add(lang + " " + key + " has placeholders " + placeholders(text) + ", not " + placeholders(reference.get(key)));
                }
            });
        }
        return problems;
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(MatchResult::group).collect(Collectors.toCollection(TreeSet::new));
    }
}
