import Foundation
import GenSQLCore

let code = GenSQLCommand.run(
  arguments: Array(CommandLine.arguments.dropFirst()),
  out: { FileHandle.standardOutput.write(Data($0.utf8)) },
  err: { FileHandle.standardError.write(Data($0.utf8)) })
exit(code.rawValue)
