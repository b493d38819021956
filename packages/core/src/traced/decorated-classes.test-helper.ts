import type { measured as measuredHelper, traced as tracedHelper } from './traced.js';

/**
 * Classes decorated with `@traced()` and `@measured()`, for traced-decorators.test.ts. The test compiles
 * this file with the TypeScript compiler itself (standard decorators, no `experimentalDecorators`), because
 * vitest's own transform leaves decorator syntax as it is and Node cannot run it yet. The decorators come
 * in as arguments so the compiled module imports nothing; `tsc` (typecheck) checks the decorator types.
 */
export function defineDecoratedClasses(decorators: {
  readonly traced: typeof tracedHelper;
  readonly measured: typeof measuredHelper;
}): { WeatherService: WeatherServiceClass; LocalWeather: WeatherServiceClass } {
  const { traced, measured } = decorators;

  class WeatherService {
    readonly city: string;

    constructor(city: string) {
      this.city = city;
    }

    @traced()
    forecast(days: number): string {
      return `${this.city}: ${days} days of sun`;
    }

    @traced()
    async forecastLater(days: number, ready: Promise<void>): Promise<string> {
      await ready;
      return `${this.city}: ${days} days of rain`;
    }

    @traced()
    broken(error: unknown): string {
      throw error;
    }

    @traced()
    async brokenLater(error: unknown, ready: Promise<void>): Promise<string> {
      await ready;
      throw error;
    }

    @measured()
    count(values: readonly number[]): number {
      return values.length;
    }

    @traced()
    #secret(): string {
      return `${this.city} secret`;
    }

    revealSecret(): string {
      return this.#secret();
    }

    @traced()
    static create(city: string): WeatherService {
      return new this(city);
    }

    @traced({ name: 'weather.load', attributes: { 'weather.source': 'fixture' } })
    static async load(city: string, ready: Promise<void>): Promise<WeatherService> {
      await ready;
      return new this(city);
    }

    @traced()
    static fail(error: unknown): never {
      throw error;
    }

    @measured()
    static async measuredLater(ready: Promise<void>): Promise<string> {
      await ready;
      // biome-ignore lint/complexity/noThisInStatic: `this` in a static method is what the test checks.
      return this.name;
    }
  }

  /** Inherits `forecast`: its span is still named after the class that declares it. */
  class LocalWeather extends WeatherService {}

  return { WeatherService, LocalWeather };
}

/** What an instance of the fixture's classes offers. */
export interface WeatherServiceInstance {
  readonly city: string;
  forecast(days: number): string;
  forecastLater(days: number, ready: Promise<void>): Promise<string>;
  broken(error: unknown): string;
  brokenLater(error: unknown, ready: Promise<void>): Promise<string>;
  count(values: readonly number[]): number;
  revealSecret(): string;
}

/** The fixture's classes, static side. */
export interface WeatherServiceClass {
  new (city: string): WeatherServiceInstance;
  readonly name: string;
  create(city: string): WeatherServiceInstance;
  load(city: string, ready: Promise<void>): Promise<WeatherServiceInstance>;
  fail(error: unknown): never;
  measuredLater(ready: Promise<void>): Promise<string>;
}
