import Foundation
import Testing

@testable import MetricsSchema
@testable import SQLBuilder

extension DatabaseTests {
  /// Facts inside ``ZoneOffsets``' window are dated at their zone's lowest and highest UTC
  /// offsets, read at the window's UTC midnights, and by the zone's name only when the two
  /// disagree. The randomized contract tests compare every date with Foundation's time zones;
  /// these check what that dating assumes.
  @Suite struct ZoneOffsetTests {
    static let account = "a0000000-0000-4000-8000-00000000f001"
    static let location = "b0000000-0000-4000-8000-00000000f001"

    /// Zones the tests and the benchmark use, and zones whose offsets changed in unusual ways:
    /// across the date line (Apia, Kiritimati), by half an hour (Caracas, Pyongyang, Lord Howe),
    /// for Ramadan (Casablanca), twice in a year (Troll), for good (Moscow, Nuuk).
    static let zones =
      MessyData.validZones + [
        "America/Chicago", "Asia/Kolkata", "Pacific/Apia", "Pacific/Kiritimati",
        "America/Caracas", "Asia/Pyongyang", "Africa/Casablanca", "Antarctica/Troll",
        "Europe/Moscow", "America/Nuuk",
      ]

    @Test func theWindowsMidnightsFindEveryOffsetAZoneHasInIt() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      let names = Self.zones.map { "('\($0)')" }.joined(separator: ", ")
      // Every zone in use, read hour by hour: no offset is missing from the midnights' bounds.
      let differing = try database.cluster.psql(
        """
        INSERT INTO accounts SELECT md5(z)::uuid, z FROM (VALUES \(names)) v(z);
        REFRESH MATERIALIZED VIEW public.metrics_time_zone_offsets;
        SELECT count(*) FROM public.metrics_time_zone_offsets;
        SELECT string_agg(o.name || ': ' || o.lowest_offset || '..' || o.highest_offset
            || ' at midnights, ' || h.lowest || '..' || h.highest || ' hourly', '; ')
        FROM public.metrics_time_zone_offsets o
        JOIN (
          SELECT z AS name, min((i AT TIME ZONE z) - (i AT TIME ZONE 'UTC')) AS lowest,
            max((i AT TIME ZONE z) - (i AT TIME ZONE 'UTC')) AS highest
          FROM (VALUES \(names)) v(z),
            generate_series(timestamptz '\(ZoneOffsets.windowStart)',
              timestamptz '\(ZoneOffsets.windowEnd)', interval '1 hour') i
          GROUP BY z
        ) h USING (name)
        WHERE (o.lowest_offset, o.highest_offset) <> (h.lowest, h.highest);
        """)
      #expect(differing == "\(Set(Self.zones).count)\n\n")
    }

    /// Days around changes of offset, inside the window (2024's US, EU and Lord Howe changes,
    /// Samoa's jump across the date line) and outside it (1999, 2050).
    static let changeDays = [
      "2024-03-10", "2024-03-31", "2024-04-07", "2024-10-06", "2024-10-27", "2024-11-03",
      "2011-12-30", "1999-10-31", "2050-03-27",
    ]

    /// Calls every 15 minutes, and a microsecond before each, for three days around each
    /// change, at a location in each zone: every call's date in the view is its instant's
    /// date in its zone by name, exactly as PostgreSQL gives it. The incremental strategy
    /// dates them once as it catches up (by name) and again as it rebuilds.
    @Test(arguments: MetricsStrategy.allCases)
    func everyQuarterHourIsDatedAsItsZoneByNameDatesIt(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      try database.reset()
      defer { try? database.reset() }
      let names = Self.zones.map { "('\($0)')" }.joined(separator: ", ")
      let days = Self.changeDays.map { "('\($0)'::date)" }.joined(separator: ", ")
      let differing = """
        WITH expected AS (
          SELECT c.location_id, (c.started_at AT TIME ZONE l.time_zone)::date AS date,
            count(*) AS calls
          FROM calls c JOIN locations l USING (location_id)
          GROUP BY 1, 2
        )
        SELECT count(*) || ' keys, ' || count(*) FILTER (WHERE m.total_calls IS DISTINCT FROM e.calls)
          || ' differing'
        FROM expected e FULL JOIN public.mv_metrics_daily m USING (location_id, date);
        """
      let rebuild = strategy == .incremental ? "SELECT public.rebuild_metrics_daily();\n" : ""
      let result = try database.cluster.psql(
        """
        INSERT INTO accounts SELECT md5(z)::uuid, 'UTC' FROM (VALUES \(names)) v(z);
        INSERT INTO locations SELECT md5('location' || z)::uuid, md5(z)::uuid, z
        FROM (VALUES \(names)) v(z);
        INSERT INTO calls
        SELECT 'q-' || row_number() OVER (), md5('location' || z)::uuid, 'completed', 'order', i
        FROM (VALUES \(names)) v(z), (VALUES \(days)) d(day),
          generate_series((d.day - 1)::timestamp AT TIME ZONE 'UTC',
            (d.day + 2)::timestamp AT TIME ZONE 'UTC', interval '15 minutes') q,
          LATERAL (VALUES (q), (q - interval '1 microsecond')) t(i);
        SELECT count(*) FROM calls;
        SELECT public.refresh_metrics_daily();
        \(differing)
        \(rebuild.isEmpty ? "" : rebuild + differing)
        """)
      let calls = Self.zones.count * Self.changeDays.count * (3 * 96 + 1) * 2
      let lines = result.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      #expect(lines.first == "\(calls)", "\(result)")
      let checks = lines.filter { $0.hasSuffix(" differing") }
      #expect(checks.count == (strategy == .incremental ? 2 : 1), "\(result)")
      for check in checks {
        #expect(check.hasSuffix(" 0 differing") && !check.hasPrefix("0 keys"), "\(result)")
      }
    }

    /// Inside the window, where its offsets agree, a fact is dated at them alone: dated in a
    /// zone PostgreSQL does not know, it gets its day, where looking the zone up would fail.
    /// Near a local midnight they disagree, and the zone is looked up.
    @Test func whereTheOffsetsAgreeTheZoneIsNotLookedUp() throws {
      func day(_ instant: String) throws -> String {
        try renderQuery(
          Select(LocalDays.self) { _, out in
            out.day(
              ZoneOffsets.localDay(
                SQLExpression.text(instant).cast(to: PG.TimestampTZ.self).nullable,
                named: "No/Such_Zone", offsets: (interval(hours: -5), interval(hours: -4))))
          }) + ";"
      }
      let cluster = try MetricsDatabase.get().cluster
      #expect(try cluster.psql(try day("2024-06-01 12:00Z")) == "2024-06-01 00:00:00\n")
      // 04:30 UTC is 23:30 at -5 hours and 00:30 at -4.
      let near = try cluster.psqlResult(try day("2024-06-01 04:30Z"))
      #expect(
        near.status != 0 && near.error.contains(#"time zone "No/Such_Zone" not recognized"#),
        "\(near.error)")
    }

    /// A zone named after the offsets were last read has no row: its facts are dated by name,
    /// never at the offsets of the account's zone.
    @Test func aZoneWithoutOffsetsIsDatedByName() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      // 18:45 UTC on 1 March is 00:15 on 2 March in Kolkata (+05:30), still 1 March in UTC.
      let date = try database.cluster.psql(
        """
        INSERT INTO accounts VALUES ('\(Self.account)', 'UTC');
        REFRESH MATERIALIZED VIEW public.metrics_time_zone_offsets;
        INSERT INTO locations VALUES ('\(Self.location)', '\(Self.account)', 'Asia/Kolkata');
        INSERT INTO calls VALUES ('kolkata-call', '\(Self.location)', 'completed', 'order',
          timestamptz '2024-03-01 18:45Z');
        REFRESH MATERIALIZED VIEW public.mv_metrics_daily;
        SELECT count(*) FROM public.metrics_time_zone_offsets WHERE name = 'Asia/Kolkata';
        SELECT date FROM public.mv_metrics_daily WHERE account_id = '\(Self.account)';
        """)
      #expect(date == "0\n2024-03-02\n")
      // refresh_metrics_daily() reads the offsets again first.
      let refreshed = try database.cluster.psql(
        """
        SELECT public.refresh_metrics_daily();
        SELECT lowest_offset, highest_offset FROM public.metrics_time_zone_offsets
        WHERE name = 'Asia/Kolkata';
        SELECT date FROM public.mv_metrics_daily WHERE account_id = '\(Self.account)';
        """)
      #expect(refreshed == "\n05:30:00|05:30:00\n2024-03-02\n")
    }

    /// `refresh_metrics_daily()` reads the offsets again only when they may be stale: a zone in
    /// use has none, a zone with offsets is no longer in use, the server restarted since, or
    /// they were read over a day ago. Reading them costs about 9 ms a zone.
    @Test func theRefreshReadsTheOffsetsAgainOnlyWhenTheyMayBeStale() throws {
      let database = try MetricsDatabase.get()
      try database.reset()
      defer { try? database.reset() }
      let second = "b0000000-0000-4000-8000-00000000f002"
      // Whether this refresh read them: its row was set an hour back before it.
      func readAgain(after change: String) throws -> String {
        try database.cluster.psql(
          """
          UPDATE private.metrics_zone_offsets_read SET read_at = now() - interval '1 hour';
          \(change)
          SELECT public.refresh_metrics_daily();
          SELECT read_at > now() - interval '1 minute' FROM private.metrics_zone_offsets_read;
          SELECT string_agg(name, ',' ORDER BY name) FROM public.metrics_time_zone_offsets;
          """
        ).trimmingCharacters(in: .newlines)
      }
      try database.cluster.psql(
        """
        INSERT INTO accounts VALUES ('\(Self.account)', 'UTC');
        INSERT INTO locations VALUES ('\(Self.location)', '\(Self.account)', 'America/New_York');
        SELECT public.refresh_metrics_daily();
        """)
      #expect(try readAgain(after: "") == "f\nAmerica/New_York,UTC")
      #expect(
        try readAgain(
          after: "INSERT INTO locations VALUES ('\(second)', '\(Self.account)', 'asia/kolkata');")
          == "t\nAmerica/New_York,Asia/Kolkata,UTC")
      #expect(
        try readAgain(after: "DELETE FROM locations WHERE location_id = '\(Self.location)';")
          == "t\nAsia/Kolkata,UTC")
      #expect(try readAgain(after: "") == "f\nAsia/Kolkata,UTC")
      #expect(
        try readAgain(
          after:
            "UPDATE private.metrics_zone_offsets_read SET read_at = now() - interval '25 hours';"
        ) == "t\nAsia/Kolkata,UTC")
      #expect(
        try readAgain(
          after:
            "UPDATE private.metrics_zone_offsets_read SET server_started_at = server_started_at - interval '1 second';"
        ) == "t\nAsia/Kolkata,UTC")
      #expect(try readAgain(after: "") == "f\nAsia/Kolkata,UTC")
    }
  }
}

/// One local day, as ``ZoneOffsets/localDay(_:named:offsets:)`` gives it.
struct LocalDays: Relation {
  static let qualifiedName = QualifiedName("local_days")
  let day = Column<PG.Timestamp, Nullable>("day")
}
