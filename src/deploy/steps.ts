/** One step of a long operation, as the CLI shows it while it runs. */
export type StepStatus = 'start' | 'ok' | 'fail' | 'skip';

export interface Step {
  name: string;
  status: StepStatus;
  detail?: string;
}

/** How a library reports progress: steps as they start and end, and the raw output lines in between. */
export interface Progress {
  onStep?: (step: Step) => void;
  onOutput?: (line: string) => void;
}
