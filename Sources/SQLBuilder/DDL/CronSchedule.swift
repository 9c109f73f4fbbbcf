import Foundation

/// `SELECT cron.schedule('name', 'schedule', 'command');`: a pg_cron job.
///
/// pg_cron replaces a job of the same name *and owner*, so applying the statement again as the
/// same role keeps one job. Before scheduling, jobs of that name owned by other roles are
/// unscheduled, so whichever role applies the file there is one job, as far as that role can
/// see other roles' jobs (pg_cron shows a role only its own jobs unless it bypasses row level
/// security).
public struct CronSchedule: SQLStatement {
  let jobName: String
  let schedule: String
  let command: any SQLStatement
  let replacesOtherOwners: Bool

  /// Runs `command` on `schedule` (five cron fields, or `N seconds`) as job `jobName`;
  /// `replacesOtherOwners: false` leaves jobs of that name other roles own in place.
  public init(
    _ jobName: String, schedule: String, command: any SQLStatement,
    replacesOtherOwners: Bool = true
  ) {
    self.jobName = jobName
    self.schedule = schedule
    self.command = command
    self.replacesOtherOwners = replacesOtherOwners
  }

  public func render(into w: inout SQLWriter) {
    if replacesOtherOwners {
      let name = PostgreSQL.stringLiteral(jobName)
      w.line(
        "SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = \(name) AND username <> CURRENT_USER;"
      )
    }
    var inner = SQLWriter()
    command.render(into: &inner)
    let commandText = inner.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(
      separator: " ")
    let arguments = [jobName, schedule, commandText].map(PostgreSQL.stringLiteral)
    w.line("SELECT cron.schedule(\(arguments.joined(separator: ", ")));")
  }
}

extension CronSchedule: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("cron job \(jobName)") { v in
      CronRules.check(schedule, in: &v)
      v.validate([command])
    }
  }
}

/// `SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = 'name';`: removes the jobs of
/// that name the applying role can see, and does nothing when there are none.
public struct CronUnschedule: SQLStatement {
  let jobName: String

  /// Unschedules job `jobName`.
  public init(_ jobName: String) { self.jobName = jobName }

  public func render(into w: inout SQLWriter) {
    let name = PostgreSQL.stringLiteral(jobName)
    w.line("SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = \(name);")
  }
}
