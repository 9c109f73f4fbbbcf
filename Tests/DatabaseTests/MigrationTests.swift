import Foundation
import PostgresHarness
import Testing

extension DatabaseTests {
  /// The committed migrations as a Supabase project receives them.
  @Suite struct Migrations {
    static var files: [String] {
      let folder = MetricsDatabase.root.appendingPathComponent("supabase/migrations")
      return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".sql") }.sorted()
    }

    @Test func theMigrationsBuildWhatTheGeneratedFilesBuild() throws {
      let database = try MetricsDatabase.get()
      #expect(Self.files.count >= 1)
      #expect(database.catalogAfterMigrations.contains("relation mv_metrics_daily kind=m"))
      #expect(database.catalogAfterMigrations == database.catalogAfterFirstApply)
    }

    /// The migrations, applied in order, build exactly the database the generated files build
    /// on a fresh one: every table's columns in order, constraints, indexes, row level
    /// security, policies and privileges included, the team's own objects with the metrics'.
    @Test func theMigrationsBuildWhatAFreshDatabaseFromTheGeneratedFilesHas() throws {
      let database = try MetricsDatabase.get()
      let fresh = try MetricsDatabase.freshFromGeneratedFiles()
      defer { fresh.stop() }
      let catalog = try fresh.psql(MetricsDatabase.catalogQuery)
      #expect(catalog.contains("column calls.id #1"))
      #expect(catalog == database.catalogAfterMigrations)
    }

    @Test func noMigrationOpensATransactionOfItsOwn() throws {
      for name in Self.files {
        let lines = try MetricsDatabase.file("supabase/migrations/\(name)")
          .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        #expect(!lines.contains("BEGIN;") && !lines.contains("COMMIT;"), "\(name)")
      }
    }

    /// The first migration replaces the story's hand-written view, index, function and job; the
    /// later ones then lead to the same state as on a fresh database.
    @Test func theFirstMigrationReplacesTheStorysHandWrittenObjects() throws {
      let database = try MetricsDatabase.get()
      let fixtures = MetricsDatabase.root.appendingPathComponent("Tests/SnapshotTests/Fixtures")
      let story = try ["story-key-logic.sql", "story-refresh-function.sql"].map {
        try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8)
      }
      let first = try MetricsDatabase.file("supabase/migrations/\(Self.files[0])")
      let later = try Self.files.dropFirst().map {
        try MetricsDatabase.file("supabase/migrations/\($0)")
      }
      let output = try database.cluster.psql(
        """
        BEGIN;
        DROP MATERIALIZED VIEW public.mv_metrics_daily CASCADE;
        DROP FUNCTION public.refresh_metrics_daily();
        SELECT cron.unschedule(jobid) FROM cron.job;
        \(story.joined(separator: "\n"))
        SELECT 'story applied: ' || count(*) FROM cron.job WHERE command LIKE 'REFRESH%';
        \(first)
        \(later.joined(separator: "\n"))
        SELECT '-- catalog --';
        \(MetricsDatabase.catalogQuery)
        ROLLBACK;
        """)
      #expect(output.contains("story applied: 1"))
      let catalog = try #require(output.components(separatedBy: "-- catalog --\n").last)
      #expect(catalog == database.catalogAfterMigrations)
    }
  }
}
