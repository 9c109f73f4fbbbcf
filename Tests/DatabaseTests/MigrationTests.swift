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
      #expect(
        database.catalogAfterMigrations == database.catalogAfterFirstApply,
        "\(catalogDifference(database.catalogAfterMigrations, database.catalogAfterFirstApply))")
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
      #expect(
        catalog == database.catalogAfterMigrations,
        "fresh (-) against migrated (+):\n\(catalogDifference(catalog, database.catalogAfterMigrations))"
      )
    }

    @Test func noMigrationOpensATransactionOfItsOwn() throws {
      for name in Self.files {
        let lines = try MetricsDatabase.file("supabase/migrations/\(name)")
          .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        #expect(!lines.contains("BEGIN;") && !lines.contains("COMMIT;"), "\(name)")
      }
    }

    /// The first migration replaces the story's hand-written view, index, function and job; the
    /// later ones then lead to the same state as on a fresh database. On a cluster of its own,
    /// each migration in its own transaction, as the Supabase CLI applies them.
    @Test func theFirstMigrationReplacesTheStorysHandWrittenObjects() throws {
      let database = try MetricsDatabase.get()
      let cluster = try MetricsDatabase.emulatedCluster()
      defer { cluster.stop() }
      let fixtures = MetricsDatabase.root.appendingPathComponent("Tests/SnapshotTests/Fixtures")
      let story = try ["story-key-logic.sql", "story-refresh-function.sql"].map {
        try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8)
      }
      // The story's project had pg_cron enabled, as Supabase installs it.
      let output = try cluster.psql(
        "CREATE EXTENSION IF NOT EXISTS pg_cron WITH SCHEMA pg_catalog;\n"
          + story.joined(separator: "\n")
          + "SELECT 'story applied: ' || count(*) FROM cron.job WHERE command LIKE 'REFRESH%';\n",
        options: ["--single-transaction"])
      #expect(output.contains("story applied: 1"))
      try MetricsDatabase.applyMigrations(cluster)
      #expect(try cluster.psql(MetricsDatabase.catalogQuery) == database.catalogAfterMigrations)
    }
  }
}
