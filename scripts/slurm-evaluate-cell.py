#!/usr/bin/env python3
#SBATCH --job-name=agnet-cell
#SBATCH --cpus-per-task=1
"""One task of a Slurm job array: evaluates one asked cell and tells agnet its result.

    agnet ask --run RUN > cells.jsonl
    sbatch --array=0-$(( $(wc -l < cells.jsonl) - 1 )) scripts/slurm-evaluate-cell.py RUN cells.jsonl \\
        'python3 examples/evaluate_nb201.py --cell {cell}'

Task i takes line i+1 of the cells file (a line of `agnet ask`), runs the command under /bin/sh as
`agnet evaluate` does ({cell}, {id}, {trial} replaced by shell-quoted words; AGNET_CELL, AGNET_ID,
AGNET_TRIAL, AGNET_SPACE in the environment; the last non-empty line of standard output is the
result: a number or a JSON object), and pipes {"id": ..., ...} into `agnet tell --run RUN`. A
command that fails or prints no result is told as failed. Once the tell has returned, the told line
is written to told-<i>.json beside the cells file (for checking the round). A task killed by Slurm
(--time) tells nothing: `agnet ask` still lists the cell, so a resubmitted array evaluates it.
Environment: AGNET (default: agnet on PATH).
"""
import json
import os
import shlex
import subprocess
import sys


def result_line(cell_id, output, status):
    """The line to tell: the command's last non-empty line as a result for cell_id, or failed."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    if status != 0 or not lines:
        return {"failed": True, "id": cell_id}
    last = lines[-1]
    try:
        parsed = json.loads(last)
    except ValueError:
        return {"failed": True, "id": cell_id}
    if isinstance(parsed, dict):
        if parsed.get("id", cell_id) != cell_id:
            return {"failed": True, "id": cell_id}
        parsed["id"] = cell_id
        return parsed
    if isinstance(parsed, (int, float)) and not isinstance(parsed, bool):
        return {"id": cell_id, "value": parsed}
    return {"failed": True, "id": cell_id}


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: sbatch --array=0-N slurm-evaluate-cell.py RUN CELLS_FILE 'COMMAND {cell}'")
    run, cells_file, template = sys.argv[1:4]
    task = int(os.environ.get("SLURM_ARRAY_TASK_ID", "0"))
    with open(cells_file) as handle:
        lines = [line for line in handle if line.strip()]
    if task >= len(lines):
        sys.exit(f"{cells_file}: no cell for task {task} (the file has {len(lines)})")
    asked = json.loads(lines[task])
    cell = asked["cell"] if isinstance(asked["cell"], str) else json.dumps(asked["cell"], sort_keys=True)
    words = {"{cell}": cell, "{id}": asked["id"], "{trial}": str(asked["trial"])}
    command = template
    for placeholder, word in words.items():
        command = command.replace(placeholder, shlex.quote(word))
    environment = dict(os.environ, AGNET_CELL=cell, AGNET_ID=asked["id"], AGNET_TRIAL=str(asked["trial"]),
                       AGNET_SPACE=asked["space"])
    print(f"task {task}: {asked['id']}: {command}", file=sys.stderr, flush=True)
    finished = subprocess.run(["/bin/sh", "-c", command], stdout=subprocess.PIPE, text=True, env=environment)
    sys.stdout.write(finished.stdout)
    told = json.dumps(result_line(asked["id"], finished.stdout, finished.returncode), sort_keys=True)
    subprocess.run([os.environ.get("AGNET", "agnet"), "tell", "--run", run], input=told + "\n", text=True, check=True)
    record = os.path.join(os.path.dirname(os.path.abspath(cells_file)), f"told-{task}.json")
    with open(record + ".tmp", "w") as handle:
        handle.write(told + "\n")
    os.replace(record + ".tmp", record)
    print(f"task {task}: told {told}", file=sys.stderr)


if __name__ == "__main__":
    main()
