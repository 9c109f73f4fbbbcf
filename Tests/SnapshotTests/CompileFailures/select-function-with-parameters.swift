// expect: cannot convert value of type 'Function<One>' to expected argument type 'Function<NoParameters>'
// SELECT f(); calls a function without parameters.
import SQLBuilder

struct One: FunctionParameters {
  let x = Parameter<PG.Integer>("p_x")
}
let job = CronSchedule(
  "job", schedule: "* * * * *",
  command: SelectFunction(Function("public", "f", parameters: One.self)))
