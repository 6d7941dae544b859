import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE, isValidTimeZone, readDeadline } from '../../../../libs/domain/src/deadline';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { checkEscalationPolicy } from '../../../../libs/domain/src/escalation-ladder';
import {
  drawPlaces,
  periodKey,
  TooFewCandidatesError,
  type RoundUnit,
} from '../../../../libs/domain/src/spot-inspection';
import type {
  SpotDrawRecord,
  SpotRoundGroup,
} from '../../../../libs/persistence/src/entities/spot-round.entity';
import { SpotInspectionRepository } from '../../../../libs/persistence/src/repositories/spot-inspection.repository';
import { validationFailed } from '../common/parse-input';
import type { CreateSpotRoundBody } from './spot-inspection.schemas';

// Who a round inspects when the office does not say: the places its groups visit.
const DEFAULT_INSPECTED = '暗访督查所涉地区和单位';

// Creates a round (暗访督查轮次). With a sampling rule the places are drawn now, from the seed, and
// the draw is recorded with everything it depended on; without one each group names its places.
// Every check comes before the one write.
@Injectable()
export class CreateSpotRoundUseCase {
  constructor(@Inject(SpotInspectionRepository) private readonly spot: SpotInspectionRepository) {}

  async execute(cmd: { body: CreateSpotRoundBody; actor: string }) {
    const b = cmd.body;
    const problems: ErrorDetail[] = [];
    const add = (path: string, message: string) => problems.push({ path: `body.${path}`, message });

    for (const field of ['startsOn', 'endsOn'] as const) {
      const r = readDeadline(b[field], 'UTC');
      if (!r.ok) add(field, r.message);
    }
    if (b.startsOn > b.endsOn) add('endsOn', 'the round ends before it starts');
    const timeZone = b.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isValidTimeZone(timeZone))
      add('timeZone', `"${timeZone}" is not an IANA time zone such as Asia/Shanghai`);
    for (const p of b.escalationPolicy ? checkEscalationPolicy(b.escalationPolicy, { calendar: false }) : [])
      add(`escalationPolicy.steps[${p.index}].${p.field}`, p.message);

    const units = await this.unitsOf(b, add);
    const known = new Set(units.map((u) => u.code));
    const groupCodes = new Map<string, number>();
    b.groups.forEach((g, i) => {
      if (groupCodes.has(g.code)) add(`groups[${i}].code`, `duplicate group code ${g.code}`);
      groupCodes.set(g.code, i);
      if (b.samplingRule && g.places)
        add(`groups[${i}].places`, 'the sampling rule draws the places; give either places or a rule');
      if (!b.samplingRule && !g.places)
        add(`groups[${i}].places`, 'name the places this group visits, or give a samplingRule to draw them');
      g.places?.forEach((p, j) => {
        if (units.length && !known.has(p)) add(`groups[${i}].places[${j}]`, `unknown unit ${p}`);
      });
    });
    if (b.seed !== undefined && !b.samplingRule) add('seed', 'a seed only makes sense with a samplingRule');
    if (b.samplingRule) {
      const key = (d: string) => periodKey(d, b.samplingRule!.period);
      if (key(b.startsOn) !== key(b.endsOn))
        add('endsOn', `the round must lie within one ${b.samplingRule.period} of its sampling rule`);
    }
    if (problems.length) throw validationFailed('body', problems);

    if ((await this.spot.findRound(b.code)) || (await this.spot.planExists(b.code)))
      throw new DomainError(
        'PLAN_CONFLICT',
        `the code ${b.code} is taken by a round or a plan; a round's notices go to a plan of the same code`,
      );

    // The seed is made up before the write, so the same request always means the same draw.
    const seed = b.samplingRule ? (b.seed ?? randomBytes(16).toString('hex')) : null;
    const round = await this.spot.saveRound((visitedBefore) => {
      const { groups, draw } = b.samplingRule
        ? this.draw(b, units, seed!, visitedBefore)
        : {
            groups: b.groups.map((g) => ({ code: g.code, name: g.name, places: g.places ?? [] })),
            draw: null,
          };
      return {
        id: randomUUID(),
        code: b.code,
        title: b.title,
        organiser: b.organiser,
        inspectedOrganisation: b.inspectedOrganisation ?? DEFAULT_INSPECTED,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        timeZone,
        escalationPolicy: b.escalationPolicy ?? null,
        units: [...units],
        groups,
        samplingRule: b.samplingRule ?? null,
        drawSeed: seed,
        draw,
        createdBy: cmd.actor,
        createdAt: new Date(),
      };
    });
    if (!round) throw new DomainError('PLAN_CONFLICT', `the code ${b.code} is taken by a round`);
    return { code: round.code, groups: round.groups, seed, draw: round.draw };
  }

  // The places of each group, drawn by the rule from the seed; what the draw saw is recorded with it.
  private draw(
    b: CreateSpotRoundBody,
    units: readonly RoundUnit[],
    seed: string,
    visited: readonly string[],
  ): { groups: SpotRoundGroup[]; draw: SpotDrawRecord } {
    const rule = b.samplingRule!;
    const levels = b.candidateLevels;
    const candidates = units.filter((u) => !levels || levels.includes(u.level as never)).map((u) => u.code);
    const visitedBefore = rule.noRepeatAcrossRounds ? [...visited] : [];
    const groupCodes = b.groups.map((g) => g.code);
    try {
      const result = drawPlaces({ rule, seed, groups: groupCodes, candidates, visitedBefore });
      const groups = b.groups.map((g, i) => ({
        code: g.code,
        name: g.name,
        places: result.groups[i].places.map((p) => p.unit),
      }));
      return {
        groups,
        draw: { candidates, visitedBefore, periodKey: periodKey(b.startsOn, rule.period), result },
      };
    } catch (e) {
      if (!(e instanceof TooFewCandidatesError)) throw e;
      throw validationFailed('body', [{ path: 'body.samplingRule.placesPerGroup', message: e.message }]);
    }
  }

  // The unit tree places come from: given, or an imported plan's.
  private async unitsOf(
    b: CreateSpotRoundBody,
    add: (path: string, message: string) => void,
  ): Promise<RoundUnit[]> {
    if (b.units && b.unitsFromPlan) {
      add('unitsFromPlan', 'give units or unitsFromPlan, not both');
      return [];
    }
    if (b.unitsFromPlan) {
      const rows = await this.spot.planUnits(b.unitsFromPlan);
      if (!rows) {
        add('unitsFromPlan', `no plan ${b.unitsFromPlan}`);
        return [];
      }
      return rows.map((u) => ({
        code: u.code,
        name: u.name,
        level: u.level,
        ...(u.parentCode ? { parent: u.parentCode } : {}),
      }));
    }
    if (!b.units) {
      add(
        'units',
        'give the units places are visited in (units), or the plan whose units they are (unitsFromPlan)',
      );
      return [];
    }
    const seen = new Set<string>();
    b.units.forEach((u, i) => {
      if (seen.has(u.code)) add(`units[${i}].code`, `duplicate unit code ${u.code}`);
      seen.add(u.code);
    });
    b.units.forEach((u, i) => {
      if (u.parent !== undefined && !seen.has(u.parent))
        add(`units[${i}].parent`, `unknown unit ${u.parent}`);
    });
    return b.units.map((u) => ({ ...u }));
  }
}
