import Foundation
import MetricsSchema
import Testing

extension DatabaseTests {
  /// The list of zone names the view joins is a snapshot of `pg_timezone_names`. When
  /// PostgreSQL's time zone data drops a name the list still holds, the refresh reads the list
  /// again and the places in that zone fall back like any unknown zone (contract section 2).
  @Suite struct ZoneNameCache {
    static let account = "a0000000-0000-4000-8000-00000000e001"
    static let location = "b0000000-0000-4000-8000-00000000e001"

    /// `schema.sql` with the zone list read from `pg_timezone_names` plus the names in
    /// `public.zone_names_to_remove`: a zone database that still knows those names.
    static func schemaWithExtraZones(_ schema: String) -> String {
      let source = "FROM pg_catalog.pg_timezone_names z"
      #expect(schema.components(separatedBy: source).count == 2, "the zone list's source moved")
      return schema.replacingOccurrences(
        of: source,
        with:
          "FROM (SELECT name FROM pg_catalog.pg_timezone_names UNION ALL SELECT name FROM public.zone_names_to_remove) z"
      )
    }

    @Test(arguments: MetricsStrategy.allCases)
    func aZoneNamePostgreSQLNoLongerKnowsFallsBackInsteadOfFailingTheRefresh(
      _ strategy: MetricsStrategy
    ) throws {
      let database = try MetricsDatabase.get(strategy)
      let files = try MetricsDatabase.files(strategy)
      try database.reset()
      defer {
        try? MetricsDatabase.applyGeneratedFiles(database.cluster, strategy)
        _ = try? database.cluster.psql("DROP TABLE IF EXISTS public.zone_names_to_remove;")
        try? database.reset()
      }
      try database.cluster.psql(
        """
        CREATE TABLE public.zone_names_to_remove (name text NOT NULL);
        INSERT INTO public.zone_names_to_remove VALUES ('Mars/Olympus_Mons');
        """)
      try database.cluster.psql(
        Self.schemaWithExtraZones(files[0]), options: ["--single-transaction"])
      for file in files.dropFirst() {
        try database.cluster.psql(file, options: ["--single-transaction"])
      }
      // 02:00 UTC on 1 March is 1 March in Tokyo and 29 February in New York.
      try database.cluster.psql(
        """
        INSERT INTO accounts VALUES ('\(Self.account)', 'America/New_York');
        INSERT INTO locations VALUES ('\(Self.location)', '\(Self.account)', 'Asia/Tokyo');
        INSERT INTO calls VALUES ('zone-call', '\(Self.location)', 'completed', 'order',
          timestamptz '2024-03-01 02:00Z');
        SELECT public.refresh_metrics_daily();
        UPDATE locations SET time_zone = 'mars/olympus_mons' WHERE location_id = '\(Self.location)';
        """)
      let date = "SELECT date FROM public.mv_metrics_daily WHERE account_id = '\(Self.account)';"
      #expect(try database.cluster.psql(date) == "2024-03-01\n")

      // While the list's source still holds the name, PostgreSQL's error is the refresh's.
      let known = try database.cluster.psqlResult("SELECT public.refresh_metrics_daily();")
      #expect(known.status != 0)
      #expect(known.error.contains(#"time zone "Mars/Olympus_Mons" not recognized"#), "\(known)")

      // The zone data no longer has it: the refresh lists the zones again and falls back.
      try database.cluster.psql("DELETE FROM public.zone_names_to_remove;")
      let removed = try database.cluster.psqlResult("SELECT public.refresh_metrics_daily();")
      #expect(removed.status == 0, "\(removed)")
      #expect(removed.error.contains("listing the zones again"), "\(removed)")
      #expect(try database.cluster.psql(date) == "2024-02-29\n")
      #expect(
        try database.cluster.psql(
          "SELECT count(*) FROM public.metrics_time_zone_names WHERE lookup_key = 'mars/olympus_mons';"
        ) == "0\n")
      // The next refresh needs no second attempt.
      let next = try database.cluster.psqlResult("SELECT public.refresh_metrics_daily();")
      #expect(next.status == 0 && !next.error.contains("listing the zones again"), "\(next)")
    }
  }
}
