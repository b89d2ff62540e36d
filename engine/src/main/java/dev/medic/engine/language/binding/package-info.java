/**
 * The target bindings ({@code target:}), one class each: {@code top_process_by_pss}, {@code top_process_by_rss}
 * (sharing {@code TopProcess}), {@code matched_process}, {@code oom_victim}. Registered in {@code Targets}.
 */
package dev.medic.engine.language.binding;
