/*
 * Milliseconds of the monotonic clock: for deadlines and ages within one
 * process (never a wall-clock time, never stored).
 */
#ifndef MONOTIME_H
#define MONOTIME_H

long	 monotime_ms(void);

#endif
