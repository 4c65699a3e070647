/**
 * The SIA DC-09 protocol, so that commercial panic buttons, diallers and panels can report to the
 * central (issue 16). Plain Java without Quarkus, I/O or a clock of its own: {@link
 * nl.alarmcentral.alarm.dc09.Dc09Codec} reads and writes frames, {@link
 * nl.alarmcentral.alarm.dc09.Dc09Answers} decides and builds ACK, NAK and DUH, {@link
 * nl.alarmcentral.alarm.dc09.Dc09TimestampWindow} is the replay window, and {@link
 * nl.alarmcentral.alarm.dc09.Dc09EventParser} with {@link nl.alarmcentral.alarm.dc09.Dc09EventMapping}
 * say what an event means for the central. The listener, enrolment and alarms build on these
 * ({@code docs/devices.md}, "SIA DC-09 (foundation)").
 */
package nl.alarmcentral.alarm.dc09;
