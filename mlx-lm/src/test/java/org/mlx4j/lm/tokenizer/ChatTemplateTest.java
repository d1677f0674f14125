package org.mlx4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** transformers' template additions and Jinja's whitespace rules (the goldens cover whole templates). */
class ChatTemplateTest {
    private static String render(String template, Map<String, Object> context) {
        return new ChatTemplate(template).render(context);
    }

    @Test
    void strftimeNowFormatsTheLocalTime() {
        LocalDateTime before = LocalDateTime.now();
        String rendered = render("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%d %H') }}", Map.of());
        LocalDateTime after = LocalDateTime.now();
        List<String> allowed = List.of(Strftime.format(before, "%d %b %Y") + "|" + Strftime.format(before, "%Y-%m-%d %H"),
                Strftime.format(after, "%d %b %Y") + "|" + Strftime.format(after, "%Y-%m-%d %H"));
        assertThat(allowed).contains(rendered);
        LocalDateTime t = LocalDateTime.of(2024, 7, 5, 14, 3, 9);
        assertThat(Strftime.format(t, "%A %a %B %b %d %e %j %I%p %H:%M:%S %y %F %T %%"))
                .isEqualTo("Friday Fri July Jul 05  5 187 02PM 14:03:09 24 2024-07-05 14:03:09 %");
    }

    @Test
    void raiseExceptionStopsWithItsMessage() {
        assertThatThrownBy(() -> render("a{{ raise_exception('no ' + x) }}b", Map.of("x", "way")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chat template: no way");
    }

    @Test
    void whitespaceRulesAsJinja() {
        // trim_blocks drops the newline after a block tag, lstrip_blocks the indentation before one; + keeps them
        assertThat(render("{% if true %}\n  x\n  {% endif %}\ny", Map.of())).isEqualTo("  x\ny");
        assertThat(render("a  {%- if true -%}  b  {%- endif %}", Map.of())).isEqualTo("ab");
        assertThat(render("  {%+ if true %}x{% endif %}", Map.of())).isEqualTo("  x");
        assertThat(render("{% if true +%}\nx{% endif %}", Map.of())).isEqualTo("\nx");
        assertThat(render("{{ 'a' }}\n{# note #}\nb", Map.of())).isEqualTo("a\nb");
        assertThat(render("{{ '%}' }}|{{ \"-}}\" }}", Map.of())).isEqualTo("%}|-}}");
    }

    @Test
    void jinjaSemanticsOfValues() {
        assertThat(render("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}", Map.of())).isEqualTo("ab");
        assertThat(render("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}", Map.of())).isEqualTo("a=1");
        assertThat(render("{% set k = 'x' %}{{ {k: 1}['x'] }}", Map.of())).isEqualTo("1");
        assertThat(render("{{ true }} {{ false }} {{ [1, 'a'] }}", Map.of())).isEqualTo("True False [1, 'a']");
        assertThat(render("a\n", Map.of())).isEqualTo("a");
        assertThat(render("a\n\n", Map.of())).isEqualTo("a\n");
    }

    @Test
    void pythonStringMethodsAndJson() {
        Map<String, Object> ctx = Map.of("s", "  a.b.c  ", "m", Map.of("k", List.of(1, 2.5, "x\"y", true)));
        assertThat(render("{{ s.strip().split('.') | join('|') }};{{ s.split() | length }};{{ s.lstrip() }}|", ctx))
                .isEqualTo("a|b|c;1;a.b.c  |");
        assertThat(render("{{ 'x-y-z'.rsplit('-', 1) | join(',') }} {{ 'abc'.startswith(('z', 'a')) }} {{ 'Ab'.upper() }}"
                + " {{ 'hello world'.title() }} {{ 'aaa'.replace('a', 'b', 2) }} {{ 'a\\nb\\n'.splitlines() | length }}", ctx))
                .isEqualTo("x-y,z True AB Hello World bba 2");
        assertThat(render("{{ m | tojson }}", ctx)).isEqualTo("{\"k\": [1, 2.5, \"x\\\"y\", true]}");
        assertThat(render("{{ m | tojson(indent=2) }}", ctx))
                .isEqualTo("{\n  \"k\": [\n    1,\n    2.5,\n    \"x\\\"y\",\n    true\n  ]\n}");
        assertThat(render("{{ [3, 1, 2][::-1] | join(',') }}", ctx)).isEqualTo("2,1,3");
    }
}
