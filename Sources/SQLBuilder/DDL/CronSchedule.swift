import Foundation

/// `SELECT cron.schedule('name', 'schedule', 'command');`: a pg_cron job.
///
/// pg_cron replaces a job of the same name, so applying the statement again keeps one job.
public struct CronSchedule: SQLStatement {
  let jobName: String
  let schedule: String
  let command: any SQLStatement

  /// Runs `command` on `schedule` (five cron fields, or `N seconds`) as job `jobName`.
  public init(_ jobName: String, schedule: String, command: any SQLStatement) {
    self.jobName = jobName
    self.schedule = schedule
    self.command = command
  }

  public func render(into w: inout SQLWriter) {
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
