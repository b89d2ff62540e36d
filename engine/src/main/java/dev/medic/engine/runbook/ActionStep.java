package dev.medic.engine.runbook;

import java.util.Map;

/** An action a runbook asks for, with its parameters as text (each action validates its own). */
public record ActionStep(String action, Map<String, String> params, Position position) {}
