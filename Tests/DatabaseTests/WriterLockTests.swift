import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// A deploy that needs a lock writers hold gives up within its lock timeout instead of
  /// making every writer to the table queue behind it.
  @Suite struct WriterLocks {
    /// The locks on the team's own tables (`public`'s plain tables, which no file creates) that
    /// make writers wait: everything from SHARE up.
    static let writerBlockingLocks = """
      SELECT 'lock|' || c.relname || '|' || l.mode
        FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE l.pid = pg_backend_pid() AND c.relnamespace = 'public'::regnamespace
         AND c.relkind IN ('r', 'p')
         AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
       ORDER BY 1;
      """

    /// Each file is applied in a transaction that is rolled back; one that took a lock that
    /// blocks writers must set `lock_timeout` before its first statement.
    @Test(arguments: MetricsStrategy.allCases)
    func everyFileThatBlocksWritersSetsALockTimeoutFirst(_ strategy: MetricsStrategy) throws {
      let database = try MetricsDatabase.get(strategy)
      var locking: [String] = []
      for (script, file) in zip(
        MetricsDatabase.scripts(strategy), try MetricsDatabase.files(strategy))
      {
        let output = try database.cluster.psql(
          "BEGIN;\n\(file)\n\(Self.writerBlockingLocks)\nROLLBACK;")
        let locks = output.split(separator: "\n").filter { $0.hasPrefix("lock|") }
        guard !locks.isEmpty else { continue }
        locking.append(script.path)
        let statements = file.split(separator: "\n").filter { !$0.hasPrefix("--") && !$0.isEmpty }
        #expect(
          statements.first == "SET LOCAL lock_timeout = '5s';",
          "\(strategy) \(script.path) takes \(locks.joined(separator: ", ")) without a lock_timeout first"
        )
      }
      // The incremental strategy indexes the base tables and puts triggers on them.
      if strategy == .incremental {
        #expect(locking == ["schema.sql", "refresh_metrics.sql"])
      }
    }

    /// A writer holds a transaction open on `calls` (as a long import would); applying the
    /// incremental strategy's triggers fails with a lock timeout after about 5 seconds, and
    /// changes nothing, instead of waiting for the writer while every other writer queues.
    @Test func theTriggersFileGivesUpAfterItsLockTimeoutBehindAWriter() throws {
      let database = try MetricsDatabase.get(.incremental)
      try database.reset()
      defer { try? database.reset() }
      let before = try database.cluster.psql(MetricsDatabase.catalogQuery)
      let writer = try PsqlSession(database.cluster)
      writer.send(
        """
        SET application_name = 'metrics-test-long-writer';
        BEGIN;
        INSERT INTO calls VALUES ('long-writer', NULL, 'completed', 'general', now());
        SELECT pg_sleep(30);
        ROLLBACK;
        """)
      try database.waitUntil(
        """
        SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE a.application_name = 'metrics-test-long-writer'
                          AND l.relation = 'public.calls'::regclass AND l.granted);
        """)
      let file = try MetricsDatabase.files(.incremental)[1]
      let started = Date()
      let result = try database.cluster.psqlResult(
        "\\set VERBOSITY verbose\n" + file, options: ["--single-transaction"])
      let waited = Date().timeIntervalSince(started)
      try database.cluster.psql(
        """
        SELECT pg_cancel_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'metrics-test-long-writer';
        """)
      writer.close()
      #expect(result.status != 0, "the file waited for the writer and was applied")
      #expect(
        result.error.contains("55P03")
          && result.error.contains("canceling statement due to lock timeout"),
        "\(result.error)")
      #expect(
        waited >= 4.5 && waited < 10, "gave up after \(waited) s, not after its 5 s lock_timeout")
      #expect(try database.cluster.psql(MetricsDatabase.catalogQuery) == before)
    }
  }
}
