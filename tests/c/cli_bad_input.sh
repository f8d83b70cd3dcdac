#!/bin/sh
# cli_bad_input.sh TINYGAN: a table of bad command lines. Each must exit 2 with a message on stderr
# that names the flag (or command) at fault, and print nothing on stdout.
cli=$1
pass=0 fail=0
# each row: the words that must appear in the message | the arguments
while IFS='|' read -r want args; do
  [ "$args" = "(none)" ] && args=""
  # shellcheck disable=SC2086 # the arguments are meant to split
  out=$("$cli" $args 2>/tmp/tinygan-cli-err.$$); rc=$?
  err=$(cat /tmp/tinygan-cli-err.$$)
  ok=1
  [ "$rc" -eq 2 ] || ok=0
  [ -z "$out" ] || ok=0
  for w in $want; do
    case "$err" in *"$w"*) ;; *) ok=0 ;; esac
  done
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: tinygan $args -> exit $rc, stderr: $err (wanted: $want)"; fi
done <<'TABLE'
--batch batch 1 65536 0|train --batch 0
--batch 65537|train --batch 65537
--batch 2.5|train --batch 2.5
--seed -1|train --seed -1
--seed 4294967296|train --seed 4294967296
--seed 0 4294967295 'abc'|train --seed abc
--lr-g 1e-12 100 'abc'|train --lr-g abc
--nodes 2 16 'x'|train --nodes x
--lr-g 0|train --lr-g 0
--lr-g -0.1|train --lr-g -0.1
--lr-g nan|train --lr-g nan
--lr-d inf|train --lr-d inf
--lr-d 1e999|train --lr-d 1e999
--lr-d 101|train --lr-d 101
--epochs 1.5|train --epochs 1.5
--epochs -3|train --epochs -3
--epochs 1000000001|train --epochs 1000000001
--print-every x|train --print-every x
--sample -1|train --sample -1
--nodes 1|train --nodes 1
--nodes 17|train --nodes 17
--latent-lo latentLo latentHi|train --latent-lo 2
--latent-hi 101|train --latent-hi 101
--g-out linear sigmoid tanh|train --g-out tanh
--g-loss minimax wasserstein|train --g-loss wasserstein
--real fresh sometimes|train --real sometimes
--d-steps 0|train --d-steps 0
--d-steps 11|train --d-steps 11
--optimizer sgd adam rmsprop|train --optimizer rmsprop
--momentum 1|train --momentum 1
--bogus|train --bogus 1
--lr-d needs a value|train --lr-d
--losses needs a value|train --losses
--losses flag '--json'|train --epochs 2 --losses --json
--seed flag '--epochs'|train --seed --epochs 5
--batch 12x|train --batch 12x
--seed 0x10|train --seed 0x10z
unknown command 'fly'|fly
missing command|(none)
TABLE
rm -f /tmp/tinygan-cli-err.$$
echo "cli_bad_input: $pass passed, $fail failed"
[ $fail -eq 0 ]
