import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder
import Testing

/// Every database test, one at a time against the shared cluster (pg_cron allows one database).
@Suite(.serialized) struct DatabaseTests {}

extension DatabaseTests {
  /// The pgTAP files in `supabase/tests/`, the folder `supabase test db` runs, one test each.
  @Suite struct PgTAP {
    static let files =
      ((try? FileManager.default.contentsOfDirectory(
        atPath: MetricsDatabase.root.appendingPathComponent("supabase/tests").path)) ?? [])
      .filter { $0.hasSuffix(".sql") }.sorted()

    /// The file that tests each strategy's `refresh_metrics_daily()`; the other strategy skips it.
    static let strategyFiles: [MetricsStrategy: String] = [
      .refresh: "07_refresh_function.sql", .incremental: "10_catch_up.sql",
    ]

    @Test func thereArePgTAPFiles() {
      #expect(Self.files.count >= 7)
    }

    /// `supabase test db` runs `pg_prove --ext .pg --ext .sql -r supabase/tests`: the real
    /// pg_prove, on the whole folder, must pass.
    @Test(arguments: Deployment.all)
    func pgProvePassesOnTheFolderAsSupabaseTestDbRunsIt(_ deployment: Deployment) throws {
      let database = try deployment.database()
      try database.reset()
      try runPgProve(database)
    }

    /// On a real project the view holds other tenants' rows: the files assert only about the
    /// rows they create.
    @Test(arguments: Deployment.all)
    func pgProvePassesWithOtherTenantsRowsInTheView(_ deployment: Deployment) throws {
      let database = try deployment.database()
      try database.reset()
      defer { try? database.reset() }
      try database.cluster.psql(SQLFor.inserts(MessyData(seed: 5)))
      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      let rows = try database.cluster.psql("SELECT count(*) > 100 FROM public.mv_metrics_daily;")
      #expect(rows == "t\n", "the other tenants' data should fill the view")
      try runPgProve(database)
    }

    /// The text of a pgTAP file as the source schema's project has it: the test helpers are
    /// generated from its declarations, the other files are the same everywhere.
    static func text(of name: String, for source: SourceFixture) throws -> String {
      if source != .story && name == source.testHelpers.path {
        return try generate([source.testHelpers])[0].text
      }
      return try MetricsDatabase.file("supabase/tests/\(name)")
    }

    /// `supabase/tests` as the source schema's project has it.
    static func folder(for source: SourceFixture) throws -> URL {
      let committed = MetricsDatabase.root.appendingPathComponent("supabase/tests")
      if source == .story { return committed }
      let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("pgtap-\(source.name.replacingOccurrences(of: " ", with: "-"))")
      try? FileManager.default.removeItem(at: folder)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for name in files {
        try text(of: name, for: source).write(
          to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
      return folder
    }

    private func runPgProve(_ database: MetricsDatabase) throws {
      let result = try Shell.run(
        "/usr/bin/pg_prove",
        [
          "--host", database.cluster.socketDirectory, "--username", "postgres", "--dbname",
          PostgresCluster.databaseName, "--ext", ".pg", "--ext", ".sql", "-r",
          try Self.folder(for: database.source).path,
        ])
      #expect(result.status == 0, "pg_prove failed:\n\(result.output)\(result.error)")
      #expect(result.output.contains("Result: PASS"), "\(result.output)")
      let ran = result.output.split(separator: "\n").filter {
        $0.contains(".sql") && $0.hasSuffix("ok")
      }
      #expect(ran.count == Self.files.count, "\(result.output)")
    }

    @Test(arguments: files, Deployment.all)
    func pgTAPFilePasses(_ name: String, _ deployment: Deployment) throws {
      let strategy = deployment.strategy
      let database = try deployment.database()
      try database.reset()
      let sql = try Self.text(of: name, for: deployment.source)
      let result = try database.cluster.psqlResult(sql)
      let report = TAPReport(result.output)
      #expect(result.status == 0, "\(name) stopped with an error: \(result.error)")
      #expect(report.planned != nil, "\(name) printed no plan:\n\(result.output)")
      #expect(
        report.planned == report.results.count,
        "\(name): planned \(report.planned ?? 0), ran \(report.results.count)")
      #expect(!report.results.isEmpty)
      for failure in report.failures {
        Issue.record("\(name): \(failure)\n\(report.diagnostics)")
      }
      // Each strategy skips only the file that tests the other's refresh function.
      let skipped = report.results.filter { $0.line.contains("# SKIP") }.count
      let otherStrategysFile = Self.strategyFiles[strategy == .refresh ? .incremental : .refresh]
      #expect(
        skipped == (name == otherStrategysFile ? report.results.count : 0),
        "\(name) on the \(strategy) strategy skipped \(skipped) of \(report.results.count)")
    }
  }

  /// Applying both files again leaves the same objects, and exactly one cron job.
  @Suite struct Idempotence {
    @Test(arguments: MetricsStrategy.allCases)
    func applyingBothFilesTwiceLeavesTheSameObjects(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      let kind = strategy == .refresh ? "m" : "v"
      #expect(database.catalogAfterFirstApply.contains("relation mv_metrics_daily kind=\(kind)"))
      #expect(database.catalogAfterFirstApply.contains("function refresh_metrics_daily"))
      #expect(database.catalogAfterFirstApply == database.catalogAfterSecondApply)
      let jobs = try database.cluster.psql(
        "SELECT count(*) FROM cron.job WHERE jobname = 'refresh-metrics-daily';")
      #expect(jobs.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }

    @Test func eachFileRollsBackWhole() throws {
      let database = try MetricsDatabase.get()
      // Breaking the last statement of refresh_metrics.sql must leave the function as it was.
      let before = try database.cluster.psql(MetricsDatabase.catalogQuery)
      let file = try MetricsDatabase.file("supabase/generated/refresh_metrics.sql")
      let changed = file.replacingOccurrences(
        of: "SET work_mem = '32MB'", with: "SET work_mem = '33MB'")
      #expect(changed != file, "the function should change before the failing statement")
      let broken = changed + "\nSELECT no_such_function();\n"
      let result = try database.cluster.psqlResult(broken, options: ["--single-transaction"])
      #expect(result.status != 0)
      #expect(try database.cluster.psql(MetricsDatabase.catalogQuery) == before)
    }
  }

  /// Deploys fail fast and in the right order instead of stalling readers or leaving a broken job.
  @Suite struct SafeDeploys {
    @Test(arguments: MetricsStrategy.allCases)
    func theRefreshFileNeedsTheViewAndSaysWhatToApplyFirst(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      let before = try database.cluster.psql(MetricsDatabase.catalogQuery)
      let file = try MetricsDatabase.files(strategy)[1]
      let drop = strategy == .refresh ? "DROP MATERIALIZED VIEW" : "DROP VIEW"
      let result = try database.cluster.psqlResult(
        "\(drop) public.mv_metrics_daily CASCADE;\n" + file, options: ["--single-transaction"])
      #expect(result.status != 0)
      #expect(
        result.error.contains(
          "public.mv_metrics_daily does not exist: apply schema.sql before refresh_metrics.sql"))
      #expect(try database.cluster.psql(MetricsDatabase.catalogQuery) == before)
    }

    @Test(arguments: MetricsStrategy.allCases)
    func anotherRoleApplyingTheFileLeavesOneJob(_ strategy: MetricsStrategy) throws {
      // pg_cron replaces a job only for the same name and owner; the file unschedules the
      // job another role owns first.
      let database = try MetricsDatabase.get(strategy)
      let file = try MetricsDatabase.files(strategy)[1]
      let jobs = try database.cluster.psql(
        """
        BEGIN;
        CREATE ROLE deployer SUPERUSER;
        SET LOCAL ROLE deployer;
        \(file)
        RESET ROLE;
        SELECT jobname || ' ' || username FROM cron.job ORDER BY jobname;
        ROLLBACK;
        """)
      #expect(
        jobs.split(separator: "\n").filter { $0.contains(" ") }
          == ["refresh-metrics-daily deployer", "refresh-metrics-daily-history deployer"])
    }

    @Test(arguments: MetricsStrategy.allCases)
    func schemaGivesUpAfterItsLockTimeoutWhileTheViewIsInUse(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      let reader = try PsqlSession(database.cluster)
      reader.send("BEGIN; SELECT count(*) FROM public.mv_metrics_daily;")
      Thread.sleep(forTimeInterval: 0.5)
      let started = Date()
      let result = try database.cluster.psqlResult(
        try MetricsDatabase.files(strategy)[0], options: ["--single-transaction"])
      let waited = Date().timeIntervalSince(started)
      reader.send("ROLLBACK;")
      reader.close()
      #expect(result.status != 0)
      #expect(result.error.contains("canceling statement due to lock timeout"))
      #expect(waited < 15, "gave up after \(waited) s, not after its 5 s lock_timeout")
    }
  }
}

/// The lines of a TAP stream that matter: the plan, each result, and diagnostics.
struct TAPReport {
  var planned: Int?
  var results: [(ok: Bool, line: String)] = []
  var diagnostics = ""

  var failures: [String] { results.filter { !$0.ok }.map(\.line) }

  init(_ output: String) {
    for line in output.split(separator: "\n").map(String.init) {
      if line.hasPrefix("1.."), let n = Int(line.dropFirst(3)) {
        planned = n
      } else if line.hasPrefix("ok ") {
        results.append((true, line))
      } else if line.hasPrefix("not ok ") {
        results.append((false, line))
      } else if line.hasPrefix("#") {
        diagnostics += line + "\n"
      }
    }
  }
}
