// expect: cannot convert value of type 'Function<One>' to expected argument type 'Function<NoParameters>'
// A trigger calls a function without parameters.
import SQLBuilder

struct One: FunctionParameters {
  let x = Parameter<PG.Integer>("p_x")
}
let trigger = CreateTrigger(
  "t", .after, [.insert], on: Shops.self, forEach: .row,
  execute: Function("public", "f", parameters: One.self))
