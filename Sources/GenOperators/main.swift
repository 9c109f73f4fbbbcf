import Foundation
import OperatorTable

// Writes the files generated from the arithmetic table; run from the package root.
for file in generatedFiles() {
  try file.text.write(toFile: file.path, atomically: true, encoding: .utf8)
  print("wrote \(file.path)")
}
