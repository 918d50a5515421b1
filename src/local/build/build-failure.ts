/**
 * A build that cannot go on: the lines say why, in the buildpack's voice, and the build output ends with
 * them and Heroku's "Push rejected" lines.
 */
export class BuildFailure extends Error {
  constructor(readonly lines: string[]) {
    super(lines[0] ?? 'build failed');
    this.name = 'BuildFailure';
  }
}
