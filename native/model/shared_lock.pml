/*
 * A model of native/shared_lock.cc for the Spin model checker: N threads
 * lock, enter the critical section and unlock, forever. Spin explores every
 * interleaving and checks that two threads are never inside at once and that
 * the threads never all sleep (a lost wake-up). Run by test/shared-lock-model.test.ts,
 * which also checks that it finds the hang in -DLOST_WAKEUP_BUG.
 *
 * C++20 atomic wait(v) is modelled as: return once the word differs from v,
 * else sleep (atomically with the check, as a futex does) until a notify
 * wakes this thread, then check again. notify_one wakes any one sleeper, and
 * Spin tries each. "Waited longer than kStarvationMicros" is a free choice
 * after every wake-up, so every timing is covered.
 */
#ifndef N
#define N 3
#endif

/* Threads are processes 1 .. N (init is 0). */
#define me (_pid - 1)

#define UNLOCKED 0
#define LOCKED_NO_WAITERS 1
#define LOCKED_WITH_WAITERS 2

byte state = UNLOCKED;
byte starving = 0;
byte inside = 0;
bool sleepsOnState[N];
bool sleepsOnStarving[N];

inline waitState(expected) {
  do
  :: atomic { state != expected -> break }
  :: atomic { state == expected -> sleepsOnState[me] = true };
     !sleepsOnState[me]
  od
}

inline waitStarving(expected) {
  do
  :: atomic { starving != expected -> break }
  :: atomic { starving == expected -> sleepsOnStarving[me] = true };
     !sleepsOnStarving[me]
  od
}

inline notifyOneOnState() {
  atomic {
    i = 0;
    do
    :: i < N && sleepsOnState[i] -> sleepsOnState[i] = false; break
    :: i < N -> i++
    :: i == N -> break
    od
  }
}

inline notifyAllOnState() {
  atomic {
    i = 0;
    do
    :: i < N -> sleepsOnState[i] = false; i++
    :: i == N -> break
    od
  }
}

inline notifyAllOnStarving() {
  atomic {
    i = 0;
    do
    :: i < N -> sleepsOnStarving[i] = false; i++
    :: i == N -> break
    od
  }
}

proctype Thread() {
  byte seen;
  byte starvers;
  byte i;
  bool starvingHere;
  do
  ::
    starvingHere = false;
    /* the fast path, then the spin phase: the same attempt, any number of times */
    do
    :: starving == 0 ->
       atomic {
         if
         :: state == UNLOCKED -> state = LOCKED_NO_WAITERS; goto critical
         :: else -> skip
         fi
       }
    :: break
    od;
    /* the parking phase */
    do
    :: starvers = starving;
       if
       :: !starvingHere && starvers != 0 -> waitStarving(starvers)
       :: else ->
          atomic { seen = state; state = LOCKED_WITH_WAITERS };
          if
          :: seen == UNLOCKED -> break
          :: else ->
             waitState(LOCKED_WITH_WAITERS);
             if
             :: !starvingHere -> starvingHere = true; starving++
             :: true -> skip
             fi
          fi
       fi
    od;
    if
    :: starvingHere ->
       atomic { seen = starving; starving-- };
       if
       :: seen == 1 -> notifyAllOnStarving()
       :: else -> skip
       fi
    :: else -> skip
    fi;
critical:
    inside++;
    assert(inside == 1);
    inside--;
    /* unlock */
    atomic { seen = state; state = UNLOCKED };
    if
    :: seen == LOCKED_WITH_WAITERS ->
       if
#ifdef LOST_WAKEUP_BUG
       /* The first version woke one sleeper here; this model found it could hang. */
       :: starving != 0 -> notifyOneOnState()
#else
       :: starving != 0 -> notifyAllOnState()
#endif
       :: else -> notifyOneOnState()
       fi
    :: else -> skip
    fi
  od
}

init {
  byte t;
  atomic {
    for (t : 1 .. N) { run Thread() }
  }
}
