package dev.medic.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks: block of medic.yaml, read with positions and did-you-mean hints. */
class CheckConfigTest {

  private static CheckConfig.Result parse(String yaml) throws IOException {
    LocatedTree tree = LocatedTree.readYaml(yaml);
    return CheckConfig.parse(tree.root().get("checks"), "medic.yaml", tree, CheckRegistry.builtin());
  }

  @Test
  void everyKindWithItsDefaults() throws IOException {
    CheckConfig.Result r = parse("""
        checks:
          - name: api
            kind: http
            url: http://127.0.0.1:8080/health
          - name: site
            kind: https
            url: https://example.test/
            expectStatus: [200-299, 404]
            bodyRegex: ok
            interval: 30s
            timeout: 5s
          - {name: db, kind: tcp, host: 127.0.0.1, port: 5432}
          - {name: cert, kind: tls, host: example.test, port: 443, netns: /proc/1/ns/net}
          - {name: resolver, kind: dns, query: example.test, type: aaaa}
          - {name: gw, kind: icmp, host: 10.0.0.1, netns: blue}
        """);
    assertTrue(r.ok(), r.problems()::toString);
    assertEquals(6, r.checks().size());
    CheckSpec.Http api = assertInstanceOf(CheckSpec.Http.class, r.checks().get(0));
    assertEquals(Duration.ofSeconds(10), api.interval());
    assertEquals(Duration.ofSeconds(3), api.timeout());
    assertEquals("host", api.netns());
    assertEquals(8080, api.port());
    assertTrue(api.expectStatus().contains(399) && !api.expectStatus().contains(400));
    assertEquals(64 * 1024, api.bodyLimit());
    CheckSpec.Http site = (CheckSpec.Http) r.checks().get(1);
    assertEquals("https", site.kind());
    assertEquals(443, site.port());
    assertTrue(site.expectStatus().contains(404) && !site.expectStatus().contains(302));
    assertEquals(Duration.ofSeconds(30), site.interval());
    assertEquals(new CheckSpec.Tcp("db", "127.0.0.1", 5432, false, Optional.empty(), Duration.ofSeconds(10),
        Duration.ofSeconds(3), "host"), r.checks().get(2));
    assertEquals("/proc/1/ns/net", r.checks().get(3).netns());
    CheckSpec.Dns dns = (CheckSpec.Dns) r.checks().get(4);
    assertEquals("AAAA", dns.type());
    assertTrue(dns.nameserver().isEmpty());
    assertEquals("blue", r.checks().get(5).netns());
  }

  @Test
  void problemsCarryFileLineAndColumnAndAHint() throws IOException {
    CheckConfig.Result r = parse("""
        checks:
          - name: api
            kind: http
            url: http://127.0.0.1:8080/
            timout: 2s
          - name: db
            kind: tcpp
            host: 127.0.0.1
          - name: slow
            kind: tcp
            host: 127.0.0.1
            port: 99999
            interval: 2s
            timeout: 2s
          - name: api
            kind: dns
            query: example.test
            type: AAA
            nameserver: dns.example
          - name: web
            kind: http
            url: https://example.test/
            expectStatus: 200-700
            bodyRegex: '(['
            netns: 'a b'
        """);
    assertEquals(List.of(
        "medic.yaml:5:13: checks[0] 'api': unknown key 'timout' (did you mean 'timeout'?); allowed: name, kind, "
            + "interval, timeout, netns, url, expectStatus, bodyRegex, bodyLimit, caFile",
        "medic.yaml:7:11: checks[1] 'db': unknown kind 'tcpp' (did you mean 'tcp'?); known: http, https, tcp, "
            + "tls, dns, icmp",
        "medic.yaml:14:14: checks[2] 'slow': timeout (2000ms) must be shorter than interval (2000ms)",
        "medic.yaml:12:11: checks[2] 'slow': port must be a whole number from 1 to 65535, not '99999'",
        "medic.yaml:15:11: checks[3] 'api': the name 'api' is used by another check",
        "medic.yaml:18:11: checks[3] 'api': unknown record type 'AAA' (did you mean 'AAAA'?); known: A, AAAA, CAA, "
            + "CNAME, MX, NS, PTR, SOA, SRV, TXT",
        "medic.yaml:19:17: checks[3] 'api': nameserver 'dns.example' is not valid; expected an IP address, "
            + "optionally with :port (127.0.0.1:5353, [::1]:53)",
        "medic.yaml:25:12: checks[4] 'web': netns 'a b' is not valid; expected 'host', a netns name (ip netns) or "
            + "/proc/<pid>/ns/net",
        "medic.yaml:22:10: checks[4] 'web': a http check needs a http:// url, not 'https://example.test/' "
            + "(write kind: https)",
        "medic.yaml:23:19: checks[4] 'web': expectStatus '200-700' is not a status or a range like 200-399 "
            + "(100-599)",
        "medic.yaml:24:16: checks[4] 'web': bodyRegex is not a valid regular expression: Unclosed character "
            + "class"), r.problems());
    assertTrue(r.checks().isEmpty());
  }

  @Test
  void aPlainJacksonTreeGivesPathsInsteadOfPositions() throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree("checks:\n  - {name: x, kind: icmp}\n");
    CheckConfig.Result r = CheckConfig.parse(root.get("checks"), "medic.yaml");
    assertEquals(List.of("medic.yaml: checks[0] 'x': 'host' is required"), r.problems());
  }

  @Test
  void noChecksAndWrongShapes() throws IOException {
    assertTrue(parse("mode: advise\n").ok());
    assertEquals(List.of("medic.yaml:1:9: checks: checks must be a list of checks, each with name and kind"),
        parse("checks: {name: x}\n").problems());
    assertEquals(List.of("medic.yaml:2:5: checks[0]: a check must be a mapping with name, kind and the kind's keys"),
        parse("checks:\n  - just-a-word\n").problems());
  }
}
