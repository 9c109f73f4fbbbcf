import Foundation
import PostgresHarness
import Testing

/// A test cluster keeps pg_cron's jobs as deployed, but never runs their commands on its own: a
/// refresh job firing on the five-minute mark would hold the refreshes' lock while a test or a
/// benchmark refreshes, and the test's call would return at once.
@Suite struct ClusterCronTests {
  @Test func aScheduledJobsCommandNeverRunsOnItsOwn() throws {
    let cluster = try PostgresCluster()
    try cluster.psql(
      """
      CREATE EXTENSION pg_cron;
      CREATE TABLE public.job_ran (at timestamp with time zone NOT NULL);
      SELECT cron.schedule('every-minute', '* * * * *', 'INSERT INTO public.job_ran VALUES (now())');
      """)
    // pg_cron tries the job at the next minute; wait until it has recorded that try.
    let tried = "SELECT count(*) > 0 FROM cron.job_run_details;"
    let deadline = Date().addingTimeInterval(75)
    while try cluster.psql(tried, options: ["-t", "-A"]) != "t\n", Date() < deadline {
      usleep(500_000)
    }
    let runs = try cluster.psql(
      "SELECT status || ': ' || return_message FROM cron.job_run_details;", options: ["-t", "-A"])
    #expect(runs.hasPrefix("failed: connection failed"), "pg_cron's tries: \(runs)")
    #expect(
      try cluster.psql("SELECT count(*) FROM public.job_ran;", options: ["-t", "-A"]) == "0\n")
  }
}
