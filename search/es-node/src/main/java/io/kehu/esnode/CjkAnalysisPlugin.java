package io.kehu.esnode;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code cjk} analyzer and the {@code cjk_bigram} and {@code cjk_width} token filters, with the names and
 * main options of Elasticsearch's analysis-common module.
 *
 * <p>That module is not published as a Maven artifact, but the Lucene classes behind these three are in
 * lucene-analysis-common, which the server already depends on. Chinese text has no spaces, so without
 * bigrams a name like 北京大学生 would be one token or one token per character.
 */
public class CjkAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("cjk", CjkAnalyzerProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("cjk_bigram", CjkBigramFilterFactory::new, "cjk_width", CjkWidthFilterFactory::new);
    }

    /** Lucene's CJKAnalyzer: width folding, lower-casing, bigrams of Han/Hiragana/Katakana/Hangul, stop words. */
    static final class CjkAnalyzerProvider extends AbstractIndexAnalyzerProvider<CJKAnalyzer> {
        private final CJKAnalyzer analyzer;

        CjkAnalyzerProvider(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            analyzer = new CJKAnalyzer(Analysis.parseStopWords(env, settings, CJKAnalyzer.getDefaultStopSet()));
        }

        @Override
        public CJKAnalyzer get() {
            return analyzer;
        }
    }

    /** Options as in Elasticsearch: {@code ignored_scripts} (han, hiragana, katakana, hangul), {@code output_unigrams}. */
    static final class CjkBigramFilterFactory extends AbstractTokenFilterFactory {
        private final int flags;
        private final boolean outputUnigrams;

        CjkBigramFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
            outputUnigrams = settings.getAsBoolean("output_unigrams", false);
            int scripts = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            for (String ignored : settings.getAsList("ignored_scripts", List.of())) {
                scripts &= ~scriptFlag(ignored);
            }
            flags = scripts;
        }

        private static int scriptFlag(String script) {
            return switch (script.toLowerCase(Locale.ROOT)) {
                case "han" -> CJKBigramFilter.HAN;
                case "hiragana" -> CJKBigramFilter.HIRAGANA;
                case "katakana" -> CJKBigramFilter.KATAKANA;
                case "hangul" -> CJKBigramFilter.HANGUL;
                default -> throw new IllegalArgumentException("unknown script [" + script + "] in [ignored_scripts] of cjk_bigram");
            };
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new CJKBigramFilter(tokenStream, flags, outputUnigrams);
        }
    }

    /** Folds full-width Latin to ASCII and half-width Katakana to full width; usable in normalizers too. */
    static final class CjkWidthFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        CjkWidthFilterFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new CJKWidthFilter(tokenStream);
        }
    }
}
