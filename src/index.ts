import { run } from './action/main.ts'

/* istanbul ignore next */
void run()
