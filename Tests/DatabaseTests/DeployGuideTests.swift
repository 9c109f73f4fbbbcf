import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// The shell blocks of docs/deploy.md that a plain PostgreSQL can run, run as written, with
  /// `DATABASE_URL` naming a throwaway cluster: the emulation, then the migrations and the
  /// concurrent indexes, or the generated files.
  @Suite struct DeployGuide {
    /// The guide's `sh` blocks, in order.
    static func blocks() throws -> [String] {
      fencedBlocks(try MetricsDatabase.file("docs/deploy.md"), language: "sh").map(\.code)
    }

    /// The one block that contains `marker`.
    static func block(_ marker: String) throws -> String {
      let matching = try blocks().filter { $0.contains(marker) }
      try #require(matching.count == 1, "docs/deploy.md should have one block with \(marker)")
      return matching[0]
    }

    /// Runs `script` with bash in the package's folder, `DATABASE_URL` naming `cluster`.
    static func run(_ script: String, on cluster: PostgresCluster) throws {
      let url =
        "postgresql://postgres@/\(PostgresCluster.databaseName)?host=\(cluster.socketDirectory)"
      var environment = ProcessInfo.processInfo.environment
      environment["DATABASE_URL"] = url
      environment["PATH"] = "\(PostgresCluster.binDirectory):" + (environment["PATH"] ?? "")
      let result = try Shell.run(
        "/bin/bash", ["-euo", "pipefail", "-c", "cd '\(MetricsDatabase.root.path)'\n" + script],
        environment: environment)
      #expect(result.status == 0, "docs/deploy.md:\n\(script)\n\(result.error)")
    }

    @Test func theEmulationThenTheMigrationsThenTheConcurrentIndexes() throws {
      let cluster = try PostgresCluster()
      defer { cluster.stop() }
      try Self.run(try Self.block("supabase/emulation/$f"), on: cluster)
      try Self.run(try Self.block("for f in supabase/migrations/*.sql"), on: cluster)
      try Self.run(try Self.block("CREATE INDEX CONCURRENTLY"), on: cluster)
      let state = try cluster.psql(
        """
        SELECT count(*) FROM cron.job WHERE jobname = 'refresh-metrics-daily';
        SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'metrics\\_%\\_id' AND schemaname = 'public';
        """)
      #expect(state == "1\n4\n", "\(state)")
    }

    @Test func theEmulationThenTheGeneratedFiles() throws {
      let cluster = try PostgresCluster()
      defer { cluster.stop() }
      try Self.run(try Self.block("supabase/emulation/$f"), on: cluster)
      try Self.run(try Self.block("-f supabase/generated/schema.sql"), on: cluster)
      let state = try cluster.psql(
        """
        SELECT to_regprocedure('public.get_metrics_for_range(uuid, date, date, uuid)') IS NOT NULL;
        SELECT count(*) FROM cron.job WHERE jobname = 'refresh-metrics-daily';
        """)
      #expect(state == "t\n1\n", "\(state)")
    }
  }
}
